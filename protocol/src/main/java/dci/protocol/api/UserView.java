package dci.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A user as the API shows it: never the hash. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserView(String user, String domain, String role, Instant createdAt) {}
