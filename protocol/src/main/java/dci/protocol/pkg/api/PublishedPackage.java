package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A published package as the API shows it (reply of {@code POST /api/packages}, and each row of
 * {@code GET /api/packages}).
 *
 * @param version its version, as text
 * @param keyId the publisher key that signed it
 * @param size bytes of the package file
 * @param sha256 SHA-256 of the whole package file
 * @param vnasPath where the file is, {@code /.packages/NAME/VERSION.dcipkg}
 * @param peerlet the app type of the peerlet it ships, or null
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishedPackage(String name, String version, String description, String keyId, long size,
    String sha256, String vnasPath, String publishedBy, Instant publishedAt, String peerlet) {}
