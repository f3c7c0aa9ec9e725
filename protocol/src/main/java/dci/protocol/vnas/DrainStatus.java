package dci.protocol.vnas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply of {@code POST} and {@code GET /api/vnas/drain}: whether the blade drains, and how many stripes it still holds. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrainStatus(String blade, boolean draining, int remaining) {}
