package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code GET /api/packages/installed?blade=B}: what one blade has installed (from its
 * install records, checked when read) and which packages it follows.
 *
 * @param packages installed packages, by name
 * @param follows names of the packages the blade follows
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record Inventory(String blade, List<Row> packages, List<String> follows) {
  /**
   * One installed package.
   *
   * @param peerlet the app type its peerlet serves here, or null (none shipped, or not loaded)
   * @param services the services it registers
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Row(String name, String version, String description, String keyId, Instant installedAt,
      String peerlet, boolean following, List<String> services) {}
}
