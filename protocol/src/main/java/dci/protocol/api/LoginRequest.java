package dci.protocol.api;

/** Body of {@code POST /api/login}; {@code domain} may be left out. */
public record LoginRequest(String user, String password, String domain) {}
