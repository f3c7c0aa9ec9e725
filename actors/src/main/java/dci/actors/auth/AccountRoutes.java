package dci.actors.auth;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Responses;
import dci.actors.Blade;
import dci.actors.http.Gate;
import dci.actors.http.PeerAddress;
import dci.actors.directory.Directory;
import dci.actors.directory.Statuses;
import dci.protocol.api.Done;
import dci.protocol.api.Health;
import dci.protocol.api.LoginRequest;
import dci.protocol.api.LoginResponse;
import dci.protocol.api.NewUser;
import dci.protocol.api.PasswordChange;
import dci.protocol.api.WhoAmI;
import dci.protocol.auth.Role;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's own routes under {@code /api}: {@code health} (open), {@code blades}, and the
 * accounts: {@code login} (throttled), {@code logout}, {@code whoami}, {@code users}.
 */
public final class AccountRoutes extends AllDirectives {
  private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final LoginThrottle throttle;
  private final Gate api;

  public AccountRoutes(FeatureContext c, LoginThrottle throttle) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.throttle = throttle;
  }

  /** The routes, under {@code /api}. */
  public Route routes() {
    return concat(
            path("health", () -> get(() -> complete(health()))),
            path("login", () -> post(this::login)),
            path("logout", () -> post(() -> optionalHeaderValueByName("Authorization", header ->
                api.authorized(Role.VIEWER, p -> users(r -> new UserRegistry.Logout(Gate.bearer(header).orElse(""), r)))))),
            path("whoami", () -> get(() -> api.authorized(Role.VIEWER, p -> CompletableFuture.completedFuture(
                Responses.ok(new WhoAmI(p.user(), p.domain(), p.role().wireName())))))),
            path("blades", () -> get(() -> api.authorized(Role.VIEWER, p -> blades()))),
            pathPrefix("users", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    get(() -> api.authorized(Role.ADMIN, p -> users(UserRegistry.ListUsers::new))),
                    post(() -> api.authorize(Role.ADMIN, p -> api.json(NewUser.class, req -> completeWithFuture(addUser(req))))))),
                path(PathMatchers.segment().slash("password"), name ->
                    put(() -> api.authorize(Role.VIEWER, p -> extractRequest(request -> api.json(PasswordChange.class, req ->
                        completeWithFuture(changePassword(p, name, req, PeerAddress.of(request)))))))),
                path(PathMatchers.segment(), name ->
                    delete(() -> api.authorized(Role.ADMIN, p -> users(r -> new UserRegistry.RemoveUser(name, r))))))));
  }

  /**
   * 200 only while this blade is an Up member: a blade still joining (or weakly up, leaving, down)
   * answers 503 with the same body, so {@code curl -f .../api/health} waits until the cluster can
   * route to it.
   */
  private HttpResponse health() {
    var self = Cluster.get(system).selfMember();
    Health health = new Health(parts.settings().name(), Statuses.of(self.status()).name());
    return self.status() == MemberStatus.up() ? Responses.ok(health)
        : Responses.json(StatusCodes.SERVICE_UNAVAILABLE, health);
  }

  // ---- login / logout

  private Route login() {
    return withSizeLimit(16 * 1024, () -> extractRequest(request -> api.json(LoginRequest.class, req -> {
      if (req.user() == null || req.user().isBlank() || req.password() == null) {
        return complete(Responses.badRequest("user and password are required"));
      }
      String address = PeerAddress.of(request);
      Duration wait = throttle.delayFor(address, req.user());
      CompletionStage<HttpResponse> answer = Patterns.after(wait, system.classicSystem().scheduler(),
          system.executionContext(), () -> {
            if (!throttle.tryStartCheck()) {
              return CompletableFuture.completedFuture(Responses.error(StatusCodes.TOO_MANY_REQUESTS,
                  "too many logins at once: try again in a second").addHeader(RawHeader.create("Retry-After", "1")));
            }
            return api.ask(parts.users(), (org.apache.pekko.actor.typed.ActorRef<UserRegistry.LoginResult> r) ->
                    new UserRegistry.Login(req.user(), req.password(), req.domain(), r))
                .whenComplete((r, e) -> throttle.endCheck())
                .thenApply(res -> loginAnswer(res, req, address));
          });
      return completeWithFuture(answer);
    })));
  }

  private HttpResponse loginAnswer(UserRegistry.LoginResult res, LoginRequest req, String address) {
    if (res instanceof UserRegistry.LoggedIn in) {
      throttle.succeeded(address, req.user());
      return Responses.ok(new LoginResponse(in.token(), in.expiresAt(), in.principal().user(),
          in.principal().role().wireName()));
    }
    throttle.failed(address, req.user());
    LOG.info("refused login of '{}' from {}: {}", dci.protocol.auth.Names.printable(req.user()), address,
        ((UserRegistry.LoginRefused) res).reason());
    return Responses.unauthorized("wrong user, domain or password");
  }

  // ---- directory and users

  private CompletionStage<HttpResponse> blades() {
    return api.ask(parts.directory(), Directory.GetBlades::new).thenApply(b -> Responses.ok(b.blades()));
  }

  private CompletionStage<HttpResponse> addUser(NewUser req) {
    Role role;
    try {
      role = Role.parse(req.role() == null ? "viewer" : req.role());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return users(r -> new UserRegistry.AddUser(req.user(), req.password(), role, req.domain(), r))
        .thenApply(resp -> resp.status().equals(StatusCodes.OK) ? resp.withStatus(StatusCodes.CREATED) : resp);
  }

  /**
   * Admins change anyone's password; everyone changes their own, giving the current one (checked
   * as a login is, throttled alike), so a stolen session cannot lock the owner out.
   */
  private CompletionStage<HttpResponse> changePassword(Principal p, String user, PasswordChange req, String address) {
    boolean own = p.user().equals(user);
    if (!p.role().atLeast(Role.ADMIN) && !own) {
      return CompletableFuture.completedFuture(
          Responses.forbidden("only an admin may change another user's password"));
    }
    if (!own) {
      return users(r -> new UserRegistry.ChangePassword(user, req.password(), r));
    }
    if (req.current() == null || req.current().isEmpty()) {
      return CompletableFuture.completedFuture(Responses.badRequest(
          "current: give your current password to change it"));
    }
    Duration wait = throttle.delayFor(address, user);
    return Patterns.after(wait, system.classicSystem().scheduler(), system.executionContext(),
        () -> api.ask(parts.users(), (org.apache.pekko.actor.typed.ActorRef<UserRegistry.LoginResult> r) ->
            new UserRegistry.Login(user, req.current(), p.domain(), r))).thenCompose(res -> {
              if (!(res instanceof UserRegistry.LoggedIn)) {
                throttle.failed(address, user);
                return CompletableFuture.completedFuture(Responses.forbidden("the current password is wrong"));
              }
              return users(r -> new UserRegistry.ChangePassword(user, req.password(), r));
            });
  }

  private CompletionStage<HttpResponse> users(
      org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<UserRegistry.Result>,
          UserRegistry.Command> request) {
    return api.ask(parts.users(), request).thenApply(AccountRoutes::toResponse);
  }

  private static HttpResponse toResponse(UserRegistry.Result result) {
    if (result instanceof UserRegistry.Users u) {
      return Responses.ok(u.users());
    }
    if (result instanceof UserRegistry.Done d) {
      return Responses.ok(new Done(d.message()));
    }
    UserRegistry.Failed f = (UserRegistry.Failed) result;
    return Responses.error(switch (f.failure()) {
      case INVALID -> StatusCodes.BAD_REQUEST;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case CONFLICT -> StatusCodes.CONFLICT;
      case UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
    }, f.message());
  }
}
