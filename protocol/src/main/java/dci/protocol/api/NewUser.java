package dci.protocol.api;

/** Body of {@code POST /api/users}. */
public record NewUser(String user, String password, String role, String domain) {}
