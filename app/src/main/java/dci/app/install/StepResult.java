package dci.app.install;

import java.time.Duration;

/**
 * How one step of an install went.
 *
 * @param index 1-based position in its step list
 * @param kind the step's kind (copy, extract, mode, run, service, verify)
 * @param description what the step does, one line
 * @param status how it went
 * @param output what it printed (commands: stdout and stderr merged, capped) or what went wrong
 * @param duration how long it took
 */
public record StepResult(int index, String kind, String description, Status status, String output, Duration duration) {
  /** A step's outcome. */
  public enum Status {
    OK,
    FAILED,
    /** Not run, because an earlier step failed. */
    SKIPPED
  }

  public boolean ok() {
    return status == Status.OK;
  }
}
