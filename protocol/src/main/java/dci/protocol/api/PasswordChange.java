package dci.protocol.api;

/**
 * Body of {@code PUT /api/users/NAME/password}: the new password, and the current one, which a
 * user changing their own password must give (an admin changing another's need not).
 */
public record PasswordChange(String password, String current) {
  public PasswordChange(String password) {
    this(password, null);
  }
}
