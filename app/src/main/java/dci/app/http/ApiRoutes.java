package dci.app.http;

import dci.actors.auth.LoginThrottle;
import dci.actors.http.ApiErrors;
import dci.actors.http.Responses;
import dci.actors.Blade;
import dci.actors.auth.Principal;
import dci.actors.auth.UserRegistry;
import dci.actors.directory.Directory;
import dci.actors.directory.Statuses;
import dci.protocol.Json;
import dci.protocol.api.Health;
import dci.protocol.api.LoginRequest;
import dci.protocol.api.LoginResponse;
import dci.protocol.api.NewUser;
import dci.protocol.api.PasswordChange;
import dci.protocol.auth.Role;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import dci.actors.http.PeerAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blade's HTTP API under {@code /api}: health (open), login, then everything else behind
 * a bearer token and a minimum role.
 */
public final class ApiRoutes extends AllDirectives {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final LoginThrottle throttle;
  private final Duration askTimeout;
  private final MessagingRoutes messaging;
  private final LogRoutes logs;
  private final ReplayRoutes replay;
  private final TaskRoutes tasks;
  private final VnasRoutes vnas;
  private final BackupRoutes backup;
  private final BackupPeerRoutes backupPeers;
  private final Route dav;
  private final DeskRoutes desk;
  private final FailoverRoutes failover;
  private final DeskSocket deskSocket;
  private final PackageRoutes packageRoutes;
  private final InstallRoutes installRoutes;
  private final CertRoutes certs;

  public ApiRoutes(ActorSystem<?> system, Blade.Parts parts, LoginThrottle throttle, Duration askTimeout,
      dci.protocol.envelope.EnvelopeLimits limits) {
    this(system, parts, throttle, askTimeout, limits, null, null, null);
  }

  /**
   * The API plus, when {@code volume} is given, the VNAS API and the blade's WebDAV mount point,
   * and when {@code backupParts} is given, the backup API and the blade's backup store.
   */
  public ApiRoutes(ActorSystem<?> system, Blade.Parts parts, LoginThrottle throttle, Duration askTimeout,
      dci.protocol.envelope.EnvelopeLimits limits, dci.storage.vnas.Vnas volume,
      dci.storage.backup.Backup backupParts, dci.app.node.Body body) {
    this(system, parts, throttle, askTimeout, limits, volume, backupParts, body, null);
  }

  /** As above, and when {@code packages} is given, the software installation API (issue 7). */
  public ApiRoutes(ActorSystem<?> system, Blade.Parts parts, LoginThrottle throttle, Duration askTimeout,
      dci.protocol.envelope.EnvelopeLimits limits, dci.storage.vnas.Vnas volume,
      dci.storage.backup.Backup backupParts, dci.app.node.Body body, dci.app.packages.Packages packages) {
    this.packageRoutes = packages == null ? null : new PackageRoutes(this, system, parts, packages);
    this.installRoutes = packages == null ? null : new InstallRoutes(this, system, parts, packages);
    this.system = system;
    this.desk = body == null ? null : new DeskRoutes(this, system, parts, body);
    this.failover = body == null ? null : new FailoverRoutes(this, system, parts, body);
    this.deskSocket = body == null ? null : new DeskSocket(this, system, parts, body, desk);
    this.parts = parts;
    this.throttle = throttle;
    this.askTimeout = askTimeout;
    this.messaging = new MessagingRoutes(this, system, parts, limits);
    this.certs = new CertRoutes(this, system, parts);
    this.logs = new LogRoutes(this, system, parts, limits);
    this.replay = new ReplayRoutes(this, system, parts, limits);
    this.tasks = new TaskRoutes(this, system, parts, limits);
    this.vnas = volume == null ? null : new VnasRoutes(this, system, volume);
    this.backup = backupParts == null ? null : new BackupRoutes(this, system, parts, backupParts, backupParts.client());
    this.backupPeers = backupParts == null ? null
        : new BackupPeerRoutes(this, system, backupParts.store(), backupParts.io());
    this.dav = volume == null ? reject() : new dci.storage.webdav.DavRoutes(system, volume.volume(),
        new dci.app.vnas.DavAuthenticator(system, parts.users(), throttle, askTimeout)).routes();
  }

  /** All routes, with JSON errors for rejections and failures. */
  public Route routes() {
    return concat(dav, handleExceptions(ApiErrors.exceptions(), () -> handleRejections(ApiErrors.rejections(), () ->
        concat(vnas == null ? reject() : vnas.internalRoutes(), deskSocket == null ? reject() : deskSocket.routes(), backupPeers == null ? reject() : backupPeers.routes(),
            apiRoutes()))));
  }

  private Route apiRoutes() {
    return pathPrefix("api", () -> concat(
            vnas == null ? reject() : vnas.apiRoutes(),
            backup == null ? reject() : backup.routes(),
            desk == null ? reject() : desk.routes(),
            failover == null ? reject() : failover.routes(),
            packageRoutes == null ? reject() : packageRoutes.routes(),
            installRoutes == null ? reject() : installRoutes.routes(),
            path("health", () -> get(() -> complete(Responses.ok(health())))),
            path("login", () -> post(this::login)),
            path("logout", () -> post(() -> optionalHeaderValueByName("Authorization", header ->
                authorized(Role.VIEWER, p -> users(r -> new UserRegistry.Logout(bearer(header).orElse(""), r)))))),
            path("whoami", () -> get(() -> authorized(Role.VIEWER, p -> CompletableFuture.completedFuture(
                Responses.ok(Map.of("user", p.user(), "domain", p.domain(), "role", p.role().wireName())))))),
            path("blades", () -> get(() -> authorized(Role.VIEWER, p -> blades()))),
            messaging.routes(),
            certs.routes(),
            logs.routes(),
            replay.routes(),
            tasks.routes(),
            pathPrefix("users", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    get(() -> authorized(Role.ADMIN, p -> users(UserRegistry.ListUsers::new))),
                    post(() -> authorize(Role.ADMIN, p -> body(NewUser.class, req -> completeWithFuture(addUser(req))))))),
                path(PathMatchers.segment().slash("password"), name ->
                    put(() -> authorize(Role.VIEWER, p -> extractRequest(request -> body(PasswordChange.class, req ->
                        completeWithFuture(changePassword(p, name, req, PeerAddress.of(request)))))))),
                path(PathMatchers.segment(), name ->
                    delete(() -> authorized(Role.ADMIN, p -> users(r -> new UserRegistry.RemoveUser(name, r)))))))));
  }

  private Health health() {
    var self = Cluster.get(system).selfMember();
    return new Health(parts.settings().name(), Statuses.of(self.status()).name());
  }

  // ---- login / logout

  private Route login() {
    return withSizeLimit(16 * 1024, () -> extractRequest(request -> body(LoginRequest.class, req -> {
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
            return ask(parts.users(), (org.apache.pekko.actor.typed.ActorRef<UserRegistry.LoginResult> r) ->
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
    return ask(parts.directory(), Directory.GetBlades::new).thenApply(b -> Responses.ok(b.blades()));
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
        () -> ask(parts.users(), (org.apache.pekko.actor.typed.ActorRef<UserRegistry.LoginResult> r) ->
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
    return ask(parts.users(), request).thenApply(ApiRoutes::toResponse);
  }

  private static HttpResponse toResponse(UserRegistry.Result result) {
    if (result instanceof UserRegistry.Users u) {
      return Responses.ok(u.users());
    }
    if (result instanceof UserRegistry.Done d) {
      return Responses.ok(Map.of("message", d.message()));
    }
    UserRegistry.Failed f = (UserRegistry.Failed) result;
    return Responses.error(switch (f.failure()) {
      case INVALID -> StatusCodes.BAD_REQUEST;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case CONFLICT -> StatusCodes.CONFLICT;
      case UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
    }, f.message());
  }

  // ---- building blocks

  /**
   * Checks the bearer token and the role before anything of the request's body is read (a
   * stranger's body is never read: it is answered 401 at once), then runs {@code inner}, which
   * may read the body, with the caller.
   */
  Route authorize(Role least, Function<Principal, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> authenticated(header.orElse(null), least, inner));
  }

  /** As {@link #authorize}, for a handler that answers with one response. */
  Route authorized(Role least, Function<Principal, CompletionStage<HttpResponse>> inner) {
    return authorize(least, p -> completeWithFuture(inner.apply(p)));
  }

  /** Authorizes, then reads the body as text and answers with {@code inner}. */
  Route authorizedText(Role least, java.util.function.BiFunction<Principal, String, CompletionStage<HttpResponse>> inner) {
    return authorize(least, p -> entity(Unmarshaller.entityToString(), text -> completeWithFuture(inner.apply(p, text))));
  }

  /** Authorizes, then reads the body's bytes (within the route's size limit) into {@code inner}. */
  Route authorizeBytes(Role least, java.util.function.BiFunction<Principal, org.apache.pekko.util.ByteString, Route> inner) {
    return authorize(least, p -> entity(Unmarshaller.entityToByteString(), bytes -> inner.apply(p, bytes)));
  }

  /**
   * For the blade-to-blade routes ({@code /internal/*}): a blade's service token or an admin's,
   * checked before the body is read.
   */
  Route authorizedInternal(Function<Principal, CompletionStage<HttpResponse>> inner) {
    return authorizeInternal(p -> completeWithFuture(inner.apply(p)));
  }

  /** As {@link #authorizedInternal}, for an inner route that reads the body. */
  Route authorizeInternal(Function<Principal, Route> inner) {
    return optionalHeaderValueByName("Authorization", header ->
        check(header.orElse(null), UserRegistry.Scope.INTERNAL, Role.ADMIN, inner));
  }

  /** As {@link #authorize}, with the Authorization header already in hand (a WebSocket). */
  Route authenticated(String authorization, Role least, Function<Principal, Route> inner) {
    return check(authorization, UserRegistry.Scope.USER, least, inner);
  }

  private Route check(String authorization, UserRegistry.Scope scope, Role least, Function<Principal, Route> inner) {
    Optional<String> token = bearer(Optional.ofNullable(authorization));
    if (token.isEmpty()) {
      return complete(Responses.unauthorized("missing bearer token: log in with POST /api/login"));
    }
    return onSuccess(ask(parts.users(), (org.apache.pekko.actor.typed.ActorRef<UserRegistry.AuthResult> r) ->
        new UserRegistry.Authorize(token.get(), scope, r)), auth -> {
          if (auth instanceof UserRegistry.Authorized a) {
            return a.principal().role().atLeast(least) ? inner.apply(a.principal())
                : complete(Responses.forbidden("role " + a.principal().role().wireName() + " may not do this: needs "
                    + least.wireName()));
          }
          return complete(Responses.unauthorized(((UserRegistry.Unauthorized) auth).reason()));
        });
  }

  private static Optional<String> bearer(Optional<String> header) {
    return header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).trim())
        .filter(t -> !t.isEmpty());
  }

  /** Parses a JSON body into {@code type}, or answers 400 with the reason. */
  private <T> Route body(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> {
      T value;
      try {
        value = Json.parse(text, type);
      } catch (IllegalArgumentException e) {
        return complete(Responses.badRequest(e.getMessage()));
      }
      return inner.apply(value);
    });
  }

  <Req, Res> CompletionStage<Res> ask(
      RecipientRef<Req> target,
      org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<Res>, Req> request) {
    return AskPattern.ask(target, request, askTimeout, system.scheduler());
  }
}
