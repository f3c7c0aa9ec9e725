package dci.protocol.tls;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** One certificate in the reply of {@code GET /api/cert} (an array of them): see {@link CertRecord}. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertView(String blade, String serial, String fingerprint, Instant notAfter, List<String> hosts,
    boolean caHolder, boolean revoked) {}
