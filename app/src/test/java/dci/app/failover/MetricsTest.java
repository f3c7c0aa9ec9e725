package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.hardware.body.Reading;
import dci.protocol.Json;
import dci.protocol.api.BladeMetrics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/metrics} shows a blade's reading as {@link BladeMetrics}: the same JSON the reading itself was. */
class MetricsTest {

  @Test
  void aMetricsRowIsTheReadingsJsonFieldForField() {
    Reading r = new Reading("blade-2", "cage-1", Instant.parse("2026-12-01T10:00:00Z"), 0.5, 1L << 30, 8L << 30,
        5L << 30, 10L << 30, 123, 456, 51.5, 7, 0.25, List.of("disk-errors=0.5"), Reading.Condition.impending,
        List.of("disk error rate 25%"));
    JsonNode row = Json.mapper().valueToTree(Metrics.of(r));

    assertThat(row).isEqualTo(Json.mapper().valueToTree(r));
    assertThat(Json.mapper().convertValue(row, BladeMetrics.class)).isEqualTo(Metrics.of(r));
  }

  @Test
  void aBladeWithoutATemperatureSensorHasANullTemperature() {
    Reading r = new Reading("blade-1", "cage-1", Instant.EPOCH, -1, 0, 0, 0, 0, 0, 0, null, 1, 0, null,
        Reading.Condition.ok, null);

    assertThat(Json.mapper().valueToTree(Metrics.of(r)).get("temperature").isNull()).isTrue();
    assertThat(Metrics.of(r).condition()).isEqualTo("ok");
  }
}
