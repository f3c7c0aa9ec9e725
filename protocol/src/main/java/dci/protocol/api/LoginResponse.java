package dci.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** Answer to a good login: a bearer token and when it stops working. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoginResponse(String token, Instant expiresAt, String user, String role) {}
