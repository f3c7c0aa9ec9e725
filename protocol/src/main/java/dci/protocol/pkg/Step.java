package dci.protocol.pkg;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One portable install instruction of a manifest; each blade's installer turns it into an
 * action. The XML element of a step is its {@link #kind()}. Paths a step writes or changes are
 * relative to the install directory and can never leave it ({@link PackagePaths}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CopyStep.class, name = "copy"),
    @JsonSubTypes.Type(value = ExtractStep.class, name = "extract"),
    @JsonSubTypes.Type(value = ModeStep.class, name = "mode"),
    @JsonSubTypes.Type(value = RunStep.class, name = "run"),
    @JsonSubTypes.Type(value = ServiceStep.class, name = "service"),
    @JsonSubTypes.Type(value = VerifyStep.class, name = "verify")})
public sealed interface Step permits CopyStep, ExtractStep, ModeStep, RunStep, ServiceStep, VerifyStep {
  /** Timeout of a command step that gives none. */
  int DEFAULT_TIMEOUT_SECONDS = 60;
  /** Longest timeout a command step may ask for (a day). */
  int MAX_TIMEOUT_SECONDS = 86_400;

  /** The step's kind, which is also its XML element: copy, extract, mode, run, service, verify. */
  String kind();

  /** One line saying what the step does, for reports. */
  String describe();

  /** Checks a timeout; 0 stands for the default. */
  static int timeout(int seconds) {
    if (seconds == 0) {
      return DEFAULT_TIMEOUT_SECONDS;
    }
    if (seconds < 0 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new PackageException("timeout " + seconds + " s out of range: 1 to " + MAX_TIMEOUT_SECONDS);
    }
    return seconds;
  }
}
