package dci.app.install;

import dci.protocol.pkg.PackageVersion;
import dci.protocol.pkg.ServiceStep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of an {@link Installer} call, for the blade's report and the operator's table.
 *
 * @param name package name
 * @param version the version installed, upgraded to or removed; null when uninstalling what is not there
 * @param previous the version installed before, or null
 * @param action what was done or attempted
 * @param ok whether it succeeded (on failure nothing changed, except what commands did outside
 *     the installer's directories)
 * @param message one line: what happened, or why it failed
 * @param steps every step of the list that ran, in order; those after a failure are SKIPPED
 * @param services the services the installed version registers (empty on failure and uninstall)
 * @param duration wall time of the whole call
 */
public record InstallResult(String name, PackageVersion version, PackageVersion previous, InstallAction action,
    boolean ok, String message, List<StepResult> steps, List<ServiceStep> services, Duration duration) {
  public InstallResult {
    steps = List.copyOf(steps);
    services = List.copyOf(services);
  }

  /** The step that failed, if one did. */
  public Optional<StepResult> failedStep() {
    return steps.stream().filter(s -> s.status() == StepResult.Status.FAILED).findFirst();
  }
}
