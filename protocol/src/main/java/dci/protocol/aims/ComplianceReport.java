package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code dci aims check}: each blade checked against the cluster's policy.
 *
 * @param at when the check ran
 * @param policySetAt when the policy checked against was set (null: no policy, nothing to break)
 * @param blades one row per blade asked
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ComplianceReport(Instant at, Instant policySetAt, List<Blade> blades) {

  public ComplianceReport {
    blades = blades == null ? List.of() : List.copyOf(blades);
  }

  /** A blade's violations, or the error that kept it from being checked. */
  public record Blade(String blade, List<Violation> violations, String error) {
    public Blade {
      violations = violations == null ? List.of() : List.copyOf(violations);
    }
  }

  /** Whether every blade was checked and none breaks the policy. */
  public boolean compliant() {
    return blades.stream().allMatch(b -> b.error() == null && b.violations().isEmpty());
  }
}
