package dci.protocol.vnas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Reply of {@code GET /api/vnas/df}: per blade its share of the volume; the totals count the live
 * blades only.
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record Df(List<Row> blades, long contributed, long used, long free, Served served, Sent sent) {

  /** One blade's store. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Row(String blade, String status, long contributed, long used, long free, long stripes,
      boolean draining) {}

  /** What the answering blade served to others from its own stripes since it started (GET /internal/stripes). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Served(String blade, long bytes, long stripes) {}

  /** What the answering blade sent to others since it started (PUT /internal/stripes: uploads, replication). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Sent(long bytes, long stripes) {}
}
