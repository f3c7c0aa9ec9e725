package dci.protocol.resources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code GET /api/resources/history?blade=B&metric=M&since=D}: one metric of one blade
 * over time, oldest first, as kept by the answering blade (every blade keeps every blade's
 * samples: 1 per sample interval for {@code dci.resources.full-for}, then one per
 * {@code dci.resources.coarse-step}).
 *
 * @param blade the blade
 * @param metric the metric's wire name
 * @param unit its unit
 * @param since the oldest time asked for
 * @param points the values at or after {@code since}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceHistory(String blade, String metric, String unit, Instant since, List<Point> points) {

  /** One value at one time. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Point(Instant at, double value) {}

  public ResourceHistory {
    points = points == null ? List.of() : List.copyOf(points);
  }
}
