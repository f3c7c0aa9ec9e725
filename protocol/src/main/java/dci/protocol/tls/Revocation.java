package dci.protocol.tls;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Reply of {@code POST /api/cert/revoke}: the serials revoked, and whether the blade is being downed. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record Revocation(String blade, List<String> serials, boolean downed) {}
