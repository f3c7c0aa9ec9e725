package dci.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code GET /api/metrics/history?blade=B&since=D}: a blade's body readings over a recent
 * window (at most the last hour), oldest first, as the answering blade heard them (one per sample
 * interval; readings gossip missed are absent).
 *
 * @param blade the blade
 * @param intervalMs the sample interval of the blades' bodies
 * @param windowMs how far back the answering blade keeps readings
 * @param since the oldest time asked for
 * @param samples the readings taken at or after {@code since}, oldest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricsHistory(String blade, long intervalMs, long windowMs, Instant since, List<Sample> samples) {

  /**
   * One reading, reduced to what a chart shows.
   *
   * @param cpuLoad system CPU load, 0..1 (-1 unknown)
   * @param temperature CPU temperature in C, null where the host has no sensor
   * @param diskErrorRate failed disk probes over the recent window, 0..1
   * @param condition the health monitor's verdict: ok, warning or impending
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Sample(Instant at, double cpuLoad, long memoryUsed, long memoryTotal, long diskFree, long diskTotal,
      Double temperature, double diskErrorRate, String condition) {}

  public MetricsHistory {
    samples = samples == null ? List.of() : List.copyOf(samples);
  }
}
