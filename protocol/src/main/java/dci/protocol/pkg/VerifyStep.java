package dci.protocol.pkg;

/**
 * Checks the installation with a command that must exit 0 within its timeout, e.g.
 * {@code bin/tool --version}; run like a {@link RunStep}.
 *
 * @param command what to run
 * @param timeoutSeconds 1 to 86400; 0 stands for the default (60)
 */
public record VerifyStep(Invocation command, int timeoutSeconds) implements Step {
  public VerifyStep {
    if (command == null) {
      throw new PackageException("verify step without a command");
    }
    timeoutSeconds = Step.timeout(timeoutSeconds);
  }

  @Override
  public String kind() {
    return "verify";
  }

  @Override
  public String describe() {
    return "verify " + command.line();
  }
}
