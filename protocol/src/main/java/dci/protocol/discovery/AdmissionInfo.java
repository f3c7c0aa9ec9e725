package dci.protocol.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a node waiting for admission says of itself ({@code GET /dci/admission} on its cluster
 * port, HTTPS with a self-signed certificate over {@code publicKey}): {@code dci} is
 * {@code "awaiting-admission"}; the name and addresses it will run as; its public key (PEM) and
 * that key's SHA-256 {@code fingerprint}; whether an admission code is required.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdmissionInfo(String dci, String name, String host, int port, String httpHost, int httpPort,
    String publicKey, String fingerprint, boolean codeRequired) {

  /** The value of {@code dci} of a node waiting for admission. */
  public static final String AWAITING = "awaiting-admission";
}
