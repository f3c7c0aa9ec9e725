package dci.protocol.discovery;

/**
 * Body of {@code POST /api/admit}: the candidate at {@code host}:{@code port} (25520 when left
 * out); {@code name}, when given, must be the name it asks for; {@code code} its admission code
 * (when it was started with one); {@code fingerprint}, when given, the SHA-256 of its key that it
 * printed: the candidate is refused if it shows another key.
 */
public record AdmitRequest(String host, Integer port, String name, String code, String fingerprint) {}
