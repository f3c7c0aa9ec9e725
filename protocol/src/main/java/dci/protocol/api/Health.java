package dci.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of {@code GET /api/health}: which blade answered and its membership status. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(String blade, String status) {}
