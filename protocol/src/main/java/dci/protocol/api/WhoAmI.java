package dci.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply of {@code GET /api/whoami}: who the token belongs to. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhoAmI(String user, String domain, String role) {}
