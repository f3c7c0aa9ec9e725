package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One blade's answer to a log query.
 *
 * @param blade the blade
 * @param source where it read: {@code journal}, a log file's path, or the blade's own syslog receiver
 * @param lines the lines that matched, oldest first
 * @param capped whether more lines matched than the cap let through (the newest are kept)
 * @param error why the blade could not be read (null when it was)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostLogs(String blade, String source, List<HostLogLine> lines, boolean capped, String error) {
  public HostLogs {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
