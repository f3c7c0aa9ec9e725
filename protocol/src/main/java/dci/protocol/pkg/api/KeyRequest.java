package dci.protocol.pkg.api;

/** Body of {@code POST /api/packages/keys}: a public key as PEM text or base64. */
public record KeyRequest(String key) {}
