package dci.protocol.resources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.DciSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sample of a blade's use, published by that blade to every blade (and the line of
 * {@code GET /internal/resources} a restarted blade back-fills from).
 *
 * @param blade the blade sampled
 * @param at when (for a downsampled sample, the start of its period)
 * @param values each metric's value by its wire name ({@link ResourceMetric}); a metric the blade
 *     cannot tell is absent
 * @param users the users whose desk port was routed to the blade
 * @param desks the desk sessions open on the blade, by user (a mean when downsampled)
 * @param logins the logins per minute on the blade, by user
 * @param span how many samples this one stands for (1, or more once downsampled)
 * @param processes the processes each installed package runs on the blade, by package (a mean
 *     when downsampled)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceSample(String blade, Instant at, Map<String, Double> values, List<String> users,
    Map<String, Double> desks, Map<String, Double> logins, int span, Map<String, Double> processes)
    implements DciSerializable {

  public ResourceSample {
    values = values == null ? Map.of() : Map.copyOf(values);
    users = users == null ? List.of() : List.copyOf(users);
    desks = desks == null ? Map.of() : Map.copyOf(desks);
    logins = logins == null ? Map.of() : Map.copyOf(logins);
    span = Math.max(1, span);
    processes = processes == null ? Map.of() : Map.copyOf(processes);
  }

  /** A sample without package processes (as samples taken before they were counted). */
  public ResourceSample(String blade, Instant at, Map<String, Double> values, List<String> users,
      Map<String, Double> desks, Map<String, Double> logins, int span) {
    this(blade, at, values, users, desks, logins, span, Map.of());
  }

  /** The value of {@code metric}, or null when the sample has none. */
  public Double value(ResourceMetric metric) {
    return values.get(metric.wire());
  }

  /** The value of a metric by its wire name: one of {@link ResourceMetric} or {@code processes:PACKAGE}. */
  public Double value(String metric) {
    return metric.startsWith(ResourceMetric.PROCESSES_PREFIX)
        ? processes.get(metric.substring(ResourceMetric.PROCESSES_PREFIX.length())) : values.get(metric);
  }
}
