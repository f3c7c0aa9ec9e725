package dci.protocol.resources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code GET /api/resources/map?since=D}: the demand map, users × blades. A user's load
 * on a blade is the mean CPU load of that blade over the samples in which the user's desk port
 * was routed to it; their activity there is their desk sessions and logins in those samples.
 *
 * @param since the oldest time asked for
 * @param blades every blade with samples since then
 * @param users one row per user, by name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DemandMap(Instant since, List<String> blades, List<Row> users) {

  /**
   * One user's row.
   *
   * @param user the user
   * @param blade the blade their port is routed to now (as of the newest sample), or null
   * @param load their mean load over all the cells (CPU %, weighted by samples)
   * @param cells the blades they were on, by blade
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Row(String user, String blade, double load, List<Cell> cells) {}

  /**
   * A user on a blade.
   *
   * @param blade the blade
   * @param samples the samples in which the user's port was routed to it
   * @param from the first of them
   * @param to the last
   * @param cpu the blade's mean CPU load then, %
   * @param peakCpu its highest, %
   * @param sessions the user's mean desk sessions open there
   * @param loginsPerMinute the user's mean logins per minute there
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Cell(String blade, int samples, Instant from, Instant to, double cpu, double peakCpu,
      double sessions, double loginsPerMinute) {}

  public DemandMap {
    blades = blades == null ? List.of() : List.copyOf(blades);
    users = users == null ? List.of() : List.copyOf(users);
  }
}
