package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A publisher key blades trust (reply of {@code POST /api/packages/keys}, each row of {@code GET}).
 *
 * @param key the public key, base64
 * @param source {@code config} (dci.packages.trusted-keys) or {@code admin} (added through the API)
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublisherKey(String keyId, String key, String source) {}
