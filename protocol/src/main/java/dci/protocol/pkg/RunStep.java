package dci.protocol.pkg;

/**
 * Runs a command in the install directory; the step fails if it exits non-zero or outlives
 * its timeout (then it and its children are killed).
 *
 * @param command what to run
 * @param timeoutSeconds 1 to 86400; 0 stands for the default (60)
 */
public record RunStep(Invocation command, int timeoutSeconds) implements Step {
  public RunStep {
    if (command == null) {
      throw new PackageException("run step without a command");
    }
    timeoutSeconds = Step.timeout(timeoutSeconds);
  }

  @Override
  public String kind() {
    return "run";
  }

  @Override
  public String describe() {
    return "run " + command.line();
  }
}
