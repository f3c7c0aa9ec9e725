package dci.app.confine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs as the blade's own account: only with {@code dci.desk.unsandboxed = on}, and shown as a warning. */
final class Unconfined implements Confinement {
  private final String why;

  Unconfined(String why) {
    this.why = why;
  }

  @Override
  public Launch wrap(String account, Path home, java.util.Map<String, String> env, List<String> command)
      throws IOException {
    java.util.Map<String, String> clean = Confinement.environment(account, home, env);
    Files.createDirectories(home);
    List<String> line = new java.util.ArrayList<>(List.of("/usr/bin/env", "-i", "--"));
    clean.forEach((k, v) -> line.add(k + "=" + v));
    line.addAll(command);
    return new Launch(line, Confinement.wrapperEnvironment());
  }

  @Override
  public String warning() {
    return "desks and exec runs are not sandboxed (dci.desk.unsandboxed = on): they can read the blade's data; " + why;
  }
}
