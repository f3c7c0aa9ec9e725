package dci.app.packages;

import com.fasterxml.jackson.annotation.JsonInclude;
import dci.app.install.InstallAction;
import dci.app.install.InstallResult;
import dci.app.install.StepResult;
import dci.protocol.pkg.api.InstallStep;
import java.util.List;
import java.util.Locale;

/**
 * What a blade's install peerlet answers to an install, uninstall or follow: the outcome in one
 * word, the installer's message, the failing step with its output, and every step run (their
 * output shortened: only the failing step's is kept whole, up to the step output cap).
 *
 * @param blade the blade that did it
 * @param op install, uninstall or follow
 * @param name package name
 * @param version the version installed, upgraded to or removed (null if none)
 * @param previous the version installed before, or null
 * @param action install, upgrade, uninstall or unchanged
 * @param state ok, failed or unchanged
 * @param message one line: what happened or why it failed
 * @param failedStep the step that failed, or null
 * @param steps every step that ran
 * @param durationMs wall time on the blade, download included
 * @param peerlet the app type of the peerlet the blade now serves from this package, or null
 * @param following for follow (and after uninstall): whether the blade follows the package now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstallReport(String blade, String op, String name, String version, String previous, String action,
    String state, String message, InstallStep failedStep, List<InstallStep> steps, long durationMs, String peerlet,
    Boolean following) {
  static final int OTHER_OUTPUT = 1024;

  /** One step as reported, its output cut at {@code cap} characters. */
  static InstallStep step(StepResult s, int cap) {
    String out = s.output() == null ? "" : s.output();
    if (out.length() > cap) {
      out = out.substring(0, cap) + "\n[... " + (out.length() - cap) + " more characters]";
    }
    return new InstallStep(s.index(), s.kind(), s.description(), s.status().name().toLowerCase(Locale.ROOT), out,
        s.duration().toMillis());
  }

  /** The report of an installer call on {@code blade}. */
  static InstallReport of(String blade, String op, InstallResult r, long durationMs) {
    InstallStep failed = r.failedStep().map(s -> step(s, Integer.MAX_VALUE)).orElse(null);
    List<InstallStep> steps = r.steps().stream().map(s -> step(s, OTHER_OUTPUT)).toList();
    String state = !r.ok() ? "failed" : r.action() == InstallAction.UNCHANGED ? "unchanged" : "ok";
    return new InstallReport(blade, op, r.name(), r.version() == null ? null : r.version().toString(),
        r.previous() == null ? null : r.previous().toString(), r.action().name().toLowerCase(Locale.ROOT), state,
        r.message(), failed, steps, durationMs, null, null);
  }

  /** A failure before the installer ran (package not published, download or verification refused). */
  public static InstallReport failed(String blade, String op, String name, String version, String message, long durationMs) {
    return new InstallReport(blade, op, name, version, null, op, "failed", message, null, List.of(), durationMs,
        null, null);
  }

  InstallReport withPeerlet(String appType) {
    return new InstallReport(blade, op, name, version, previous, action, state, message, failedStep, steps,
        durationMs, appType, following);
  }

  InstallReport withFollowing(boolean now, String op) {
    return new InstallReport(blade, op, name, version, previous, action, state, message, failedStep, steps,
        durationMs, peerlet, now);
  }

  InstallReport failing(String why) {
    return new InstallReport(blade, op, name, version, previous, action, "failed", why, failedStep, steps, durationMs,
        peerlet, following);
  }

  InstallReport withMessage(String text) {
    return new InstallReport(blade, op, name, version, previous, action, state, text, failedStep, steps, durationMs,
        peerlet, following);
  }

  InstallReport took(long ms) {
    return new InstallReport(blade, op, name, version, previous, action, state, message, failedStep, steps, ms,
        peerlet, following);
  }

  public boolean ok() {
    return !"failed".equals(state);
  }
}
