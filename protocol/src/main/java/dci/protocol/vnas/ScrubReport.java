package dci.protocol.vnas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Reply of {@code POST /api/vnas/scrub}: the totals, then each blade's scrub. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScrubReport(int checked, int corrupt, int missing, int repaired, List<Blade> blades) {

  /** One blade's scrub: stripes checked, found corrupt or missing, repaired, and those it could not repair. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Blade(String blade, int checked, int corrupt, int missing, int repaired, List<String> unrepaired) {}
}
