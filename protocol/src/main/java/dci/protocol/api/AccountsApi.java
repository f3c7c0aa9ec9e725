package dci.protocol.api;

import java.util.List;

/** The accounts' routes: logging in and out, and the users (created through any blade, valid on every blade). */
public final class AccountsApi {
  private AccountsApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("accounts", List.of(
      ApiRoute.of("POST", "/api/login", "none", LoginRequest.class, LoginResponse.class,
          "a bearer token (throttled; 401 on a wrong user, domain or password)"),
      ApiRoute.of("POST", "/api/logout", "viewer", null, Done.class, "ends the session of the token sent"),
      ApiRoute.of("GET", "/api/whoami", "viewer", null, WhoAmI.class, "who the token belongs to"),
      ApiRoute.listOf("GET", "/api/users", "admin", null, UserView.class, "every user"),
      ApiRoute.of("POST", "/api/users", "admin", NewUser.class, Done.class, "add a user (201)"),
      ApiRoute.of("DELETE", "/api/users/NAME", "admin", null, Done.class, "remove a user; their sessions end"),
      ApiRoute.of("PUT", "/api/users/NAME/password", "viewer", PasswordChange.class, Done.class,
          "change a password (admins: anyone's; others: their own, giving the current one)")));
}
