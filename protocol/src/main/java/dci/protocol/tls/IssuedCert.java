package dci.protocol.tls;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code POST /api/cert/issue} and {@code /api/cert/enrol}: the new certificate and the
 * join bundle's text ({@code bundle}: it holds the blade's private key; when the request gave a
 * public key, {@code bundle} is the certificate and the CA's certificate, PEM, and holds no key).
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssuedCert(String blade, String serial, String fingerprint, Instant notAfter, List<String> hosts,
    String bundle) {}
