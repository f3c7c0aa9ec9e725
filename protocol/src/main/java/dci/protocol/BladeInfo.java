package dci.protocol;

import java.time.Instant;
import java.util.List;

/**
 * One row of the blade directory: who the blade is, where it listens, how it is doing.
 *
 * @param name the blade's name, e.g. {@code blade-1}
 * @param address the blade's Artery address, {@code host:port}
 * @param status membership status as seen by the blade answering
 * @param dataCenter the Pekko data center the blade belongs to
 * @param roles operator-given roles (internal roles filtered out)
 * @param freeBytes free bytes of the blade's data directory, -1 while unknown
 * @param totalBytes total bytes of the blade's data directory, -1 while unknown
 * @param upSince when the blade became Up, null if it never was
 * @param api base URL of the blade's HTTP API, null while unknown
 * @param warnings what an operator should know about the blade (e.g. unconfined desks)
 * @param log the blade's message log: retention setting and lines held; null while unknown
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record BladeInfo(
    String name,
    String address,
    BladeStatus status,
    String dataCenter,
    List<String> roles,
    long freeBytes,
    long totalBytes,
    Instant upSince,
    String api,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    List<String> warnings,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    LogSummary log)
    implements DciSerializable {

  public BladeInfo {
    roles = List.copyOf(roles);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A row whose blade's log is not known. */
  public BladeInfo(String name, String address, BladeStatus status, String dataCenter, List<String> roles,
      long freeBytes, long totalBytes, Instant upSince, String api, List<String> warnings) {
    this(name, address, status, dataCenter, roles, freeBytes, totalBytes, upSince, api, warnings, null);
  }
}
