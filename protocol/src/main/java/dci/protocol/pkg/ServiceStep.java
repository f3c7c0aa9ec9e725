package dci.protocol.pkg;

/**
 * Registers a long-running command under a service name. Installing records it (the install
 * result lists the package's services); the blade then runs and supervises it
 * ({@code dci.app.install.Services}), not the installer.
 *
 * @param name service name, unique within the package
 * @param command what the service runs
 */
public record ServiceStep(String name, Invocation command) implements Step {
  public ServiceStep {
    PackageNames.requireService(name);
    if (command == null) {
      throw new PackageException("service " + name + " without a command");
    }
  }

  @Override
  public String kind() {
    return "service";
  }

  @Override
  public String describe() {
    return "service " + name + ": " + command.line();
  }
}
