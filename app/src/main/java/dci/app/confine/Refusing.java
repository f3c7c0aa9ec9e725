package dci.app.confine;

import java.nio.file.Path;
import java.util.List;

/** No way to confine a run here, and unconfined runs are not allowed: every run is refused. */
final class Refusing implements Confinement {
  private final String why;

  Refusing(String why) {
    this.why = why;
  }

  @Override
  public Launch wrap(String account, Path home, java.util.Map<String, String> env, List<String> command)
      throws Refused {
    throw new Refused("desks and exec runs are refused on this blade: " + why
        + " (run the blade as root, install bubblewrap, or set dci.desk.unsandboxed = on to run them unconfined)");
  }

  @Override
  public String warning() {
    return "desks and exec runs are refused: " + why;
  }
}
