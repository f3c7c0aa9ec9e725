package dci.protocol.vnas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Reply of {@code GET /api/vnas/stat}: a file or collection and each of its stripes with the blades holding it. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatView(String path, boolean collection, long size, long version, String etag, String contentType,
    long created, long modified, List<Stripe> stripes) {

  /** One stripe of the file, with the blades holding it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Stripe(int index, String hash, int size, List<String> blades) {}
}
