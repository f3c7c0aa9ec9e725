package dci.app.confine;

import java.util.List;
import java.util.Map;

/**
 * How a confined program starts: its command line (the wrapper first) and the whole environment
 * that line starts with. Nothing of the blade's own environment is passed on.
 *
 * @param line the command line, wrapper first
 * @param environment every variable the first program of the line gets
 */
public record Launch(List<String> line, Map<String, String> environment) {
  public Launch {
    line = List.copyOf(line);
    environment = Map.copyOf(environment);
  }

  /** A process builder for it: the line, with exactly this environment. */
  public ProcessBuilder processBuilder() {
    ProcessBuilder pb = new ProcessBuilder(line);
    pb.environment().clear();
    pb.environment().putAll(environment);
    return pb;
  }
}
