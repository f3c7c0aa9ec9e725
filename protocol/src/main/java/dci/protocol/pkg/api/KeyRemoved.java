package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply of {@code DELETE /api/packages/keys/ID}: the key no blade trusts any more. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyRemoved(String keyId, boolean removed) {}
