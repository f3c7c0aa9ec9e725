package dci.protocol.aims;

import java.util.List;

/**
 * The answer of {@code GET /api/aims/logs}: every blade's matching lines merged by time, and each
 * blade's source, whether it was capped, and its error (each {@code blades} row has no lines).
 */
public record LogsAnswer(List<HostLogLine> lines, List<HostLogs> blades) {
  public LogsAnswer {
    lines = lines == null ? List.of() : List.copyOf(lines);
    blades = blades == null ? List.of() : List.copyOf(blades);
  }
}
