package dci.protocol.api;

/** Body of {@code PUT /api/users/NAME/password}. */
public record PasswordChange(String password) {}
