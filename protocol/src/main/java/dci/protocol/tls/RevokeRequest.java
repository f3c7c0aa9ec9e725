package dci.protocol.tls;

/** Body of {@code POST /api/cert/revoke}: revoke every certificate of {@code blade}. */
public record RevokeRequest(String blade) {}
