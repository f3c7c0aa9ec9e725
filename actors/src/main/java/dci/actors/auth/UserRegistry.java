package dci.actors.auth;

import dci.hardware.SecretFile;
import dci.protocol.api.UserView;
import dci.protocol.auth.Names;
import dci.protocol.auth.PasswordHash;
import dci.protocol.auth.Role;
import dci.protocol.auth.UserRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * The cluster-wide user table, with no central server: users, the token key and revoked
 * tokens are Distributed Data replicated to every blade and kept durable on each. Any
 * blade logs anyone in and checks any token. Writes go to a majority of blades; a blade
 * that has not heard of a user or of the key yet asks a majority before saying no.
 */
public final class UserRegistry extends AbstractBehavior<UserRegistry.Command> {

  /** Messages the registry understands. */
  public interface Command {}

  /** Checks a password and, if right, issues a token. */
  public record Login(String user, String password, String domain, ActorRef<LoginResult> replyTo)
      implements Command {}

  /**
   * Checks a bearer token and says who holds it. A blade's service token is good in scope
   * {@link Scope#INTERNAL} (the blade-to-blade routes, {@code /internal/*}) only.
   */
  public record Authorize(String token, Scope scope, ActorRef<AuthResult> replyTo) implements Command {
    /** A token for the user-facing routes (the API, WebDAV, desks). */
    public Authorize(String token, ActorRef<AuthResult> replyTo) {
      this(token, Scope.USER, replyTo);
    }
  }

  /** Where a token is presented. */
  public enum Scope {
    /** The routes of users: the API, WebDAV, desks, installs. */
    USER,
    /** The blade-to-blade routes, {@code /internal/*}. */
    INTERNAL
  }

  /**
   * Issues a short-lived token for blade-to-blade calls (stripe transfers and the like):
   * it names the reserved principal {@link #SERVICE_USER}, which no user can be called, and
   * carries the admin role. Answered with a {@link ServiceToken}, its token null while the
   * cluster has no token key yet.
   */
  public record IssueServiceToken(ActorRef<ServiceToken> replyTo) implements Command {}

  /** A blade-to-blade token and when it expires. */
  public record ServiceToken(String token, Instant expiresAt) {}

  /** The principal of blade-to-blade calls: not a valid user name, so no user can take it. */
  public static final String SERVICE_USER = "@blade";

  /** Ends the session of a token, on every blade. */
  public record Logout(String token, ActorRef<Result> replyTo) implements Command {}

  public record AddUser(String user, String password, Role role, String domain, ActorRef<Result> replyTo)
      implements Command {}

  public record RemoveUser(String user, ActorRef<Result> replyTo) implements Command {}

  public record ChangePassword(String user, String password, ActorRef<Result> replyTo) implements Command {}

  public record ListUsers(ActorRef<Result> replyTo) implements Command {}

  /**
   * On a blade forming a new cluster: when no user exists yet, creates {@code admin} with a
   * random password written to {@code passwordFile} (mode 600), and the token key.
   */
  public record EnsureAdmin(Path passwordFile, ActorRef<BootstrapResult> replyTo) implements Command {}

  /** Answer to {@link Login}. */
  public sealed interface LoginResult {}

  public record LoggedIn(String token, Instant expiresAt, Principal principal) implements LoginResult {}

  /** The reason is for the blade's log; callers must answer every refusal alike. */
  public record LoginRefused(String reason) implements LoginResult {}

  /** Answer to {@link Authorize}. */
  public sealed interface AuthResult {}

  public record Authorized(Principal principal) implements AuthResult {}

  public record Unauthorized(String reason) implements AuthResult {}

  /** Answer to user management. */
  public sealed interface Result {}

  public record Done(String message) implements Result {}

  public record Users(List<UserView> users) implements Result {}

  public record Failed(Failure failure, String message) implements Result {}

  /** Why a user-management request failed. */
  public enum Failure {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    UNAVAILABLE
  }

  /** Answer to {@link EnsureAdmin}. */
  public sealed interface BootstrapResult {}

  public record AdminCreated(Path passwordFile) implements BootstrapResult {}

  public record AlreadyInitialized(int users) implements BootstrapResult {}

  public record BootstrapFailed(String message) implements BootstrapResult {}

  /** Tunables, from {@code dci.auth}. */
  public record Settings(java.time.Duration tokenTtl, int iterations, java.time.Duration writeTimeout) {
    public static Settings fromConfig(com.typesafe.config.Config config) {
      return new Settings(
          config.getDuration("dci.auth.token-ttl"),
          config.getInt("dci.auth.pbkdf2-iterations"),
          config.getDuration("dci.auth.write-timeout"));
    }
  }

  // internal messages
  @SuppressWarnings("rawtypes")
  private record DataChanged(Replicator.SubscribeResponse rsp) implements Command {}

  private record UsersFetched(Replicator.GetResponse<LWWMap<String, UserRecord>> rsp, Command original)
      implements Command {}

  /** {@code fromAll}: the read asked every blade (the key was not found on a majority). */
  private record KeyFetched(Replicator.GetResponse<LWWRegister<String>> rsp, Command original, boolean fromAll)
      implements Command {}

  private record PasswordChecked(Login request, UserRecord user, boolean matches, Throwable failure)
      implements Command {}

  private record Hashed(Command request, PasswordHash hash, Throwable failure) implements Command {}

  private record Written(Replicator.UpdateResponse<?> rsp, ActorRef<Result> replyTo, String message)
      implements Command {}

  private record UsersReadForChange(
      Replicator.GetResponse<LWWMap<String, UserRecord>> rsp,
      java.util.function.UnaryOperator<LWWMap<String, UserRecord>> change,
      ActorRef<Result> replyTo,
      String message)
      implements Command {}

  private record UsersReloaded(
      Replicator.GetResponse<LWWMap<String, UserRecord>> rsp, ActorRef<Result> replyTo, Result result)
      implements Command {}

  private record BootstrapRead(Replicator.GetResponse<LWWMap<String, UserRecord>> rsp, EnsureAdmin request)
      implements Command {}

  private record AdminPrepared(EnsureAdmin request, PasswordHash hash, Throwable failure) implements Command {}

  private record AdminStored(Replicator.UpdateResponse<LWWMap<String, UserRecord>> rsp, EnsureAdmin request)
      implements Command {}

  private record KeyStored(Replicator.UpdateResponse<LWWRegister<String>> rsp) implements Command {}

  private final Settings settings;
  private final PasswordHasher hasher;
  private final Clock clock = Clock.systemUTC();
  private final Executor blockingIo;
  private final SelfUniqueAddress node;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, UserRecord>> usersData;
  private final ReplicatorMessageAdapter<Command, LWWRegister<String>> keyData;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, Long>> revokedData;
  private Map<String, UserRecord> users = Map.of();
  private Map<String, Long> revoked = Map.of();
  private TokenSigner signer;

  private UserRegistry(ActorContext<Command> context, Settings settings) {
    super(context);
    this.settings = settings;
    this.hasher = new PasswordHasher(settings.iterations());
    this.blockingIo =
        context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    DistributedData dd = DistributedData.get(context.getSystem());
    this.node = dd.selfUniqueAddress();
    java.time.Duration askTimeout = settings.writeTimeout().plusSeconds(1);
    this.usersData = new ReplicatorMessageAdapter<>(context, dd.replicator(), askTimeout);
    this.keyData = new ReplicatorMessageAdapter<>(context, dd.replicator(), askTimeout);
    this.revokedData = new ReplicatorMessageAdapter<>(context, dd.replicator(), askTimeout);
    subscribe(context, dd);
  }

  /**
   * One subscription adapter for the three keys: typed message adapters are keyed by message
   * class, so one per key would replace each other. Changes are told apart by their key.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void subscribe(ActorContext<Command> context, DistributedData dd) {
    org.apache.pekko.actor.typed.ActorRef subscriber =
        context.messageAdapter(Replicator.SubscribeResponse.class, DataChanged::new);
    dd.replicator().tell(new Replicator.Subscribe<>(UserKeys.USERS, subscriber));
    dd.replicator().tell(new Replicator.Subscribe<>(UserKeys.TOKEN_KEY, subscriber));
    dd.replicator().tell(new Replicator.Subscribe<>(UserKeys.REVOKED, subscriber));
  }

  public static Behavior<Command> create(Settings settings) {
    return Behaviors.setup(context -> new UserRegistry(context, settings));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Login.class, m -> onLogin(m, false))
        .onMessage(Authorize.class, m -> onAuthorize(m, false))
        .onMessage(IssueServiceToken.class, this::onIssueServiceToken)
        .onMessage(Logout.class, this::onLogout)
        .onMessage(AddUser.class, this::onAddUser)
        .onMessage(RemoveUser.class, this::onRemoveUser)
        .onMessage(ChangePassword.class, this::onChangePassword)
        .onMessage(ListUsers.class, this::onListUsers)
        .onMessage(EnsureAdmin.class, this::onEnsureAdmin)
        .onMessage(DataChanged.class, this::onDataChanged)
        .onMessage(UsersFetched.class, this::onUsersFetched)
        .onMessage(KeyFetched.class, this::onKeyFetched)
        .onMessage(PasswordChecked.class, this::onPasswordChecked)
        .onMessage(Hashed.class, this::onHashed)
        .onMessage(Written.class, this::onWritten)
        .onMessage(UsersReadForChange.class, this::onUsersReadForChange)
        .onMessage(UsersReloaded.class, this::onUsersReloaded)
        .onMessage(BootstrapRead.class, this::onBootstrapRead)
        .onMessage(AdminPrepared.class, this::onAdminPrepared)
        .onMessage(AdminStored.class, this::onAdminStored)
        .onMessage(KeyStored.class, m -> this)
        .build();
  }

  // ---- login and tokens

  private Behavior<Command> onLogin(Login m, boolean refreshed) {
    if (!refreshed && (signer == null || !users.containsKey(m.user()))) {
      return refresh(m);
    }
    if (signer == null) {
      m.replyTo().tell(new LoginRefused("no token key yet: the cluster has not been initialised"));
      return this;
    }
    UserRecord record = users.get(m.user());
    String domain;
    try {
      domain = m.domain() == null || m.domain().isBlank() ? null : Names.domainOrDefault(m.domain());
    } catch (IllegalArgumentException e) {
      domain = "?";
    }
    UserRecord candidate =
        record != null && (domain == null || domain.equals(record.domain())) ? record : null;
    String password = m.password() == null ? "" : m.password();
    getContext().pipeToSelf(
        CompletableFuture.supplyAsync(() -> {
          if (candidate == null) {
            hasher.burn(password);
            return false;
          }
          return hasher.verify(password, candidate.password());
        }, blockingIo),
        (ok, failure) -> new PasswordChecked(m, candidate, Boolean.TRUE.equals(ok), failure));
    return this;
  }

  private Behavior<Command> onPasswordChecked(PasswordChecked m) {
    if (m.failure() != null || m.user() == null || !m.matches()) {
      String why = m.failure() != null ? m.failure().getMessage()
          : m.user() == null ? "unknown user or domain" : "wrong password";
      m.request().replyTo().tell(new LoginRefused(why));
      return this;
    }
    Instant expires = clock.instant().plus(settings.tokenTtl());
    UserRecord u = m.user();
    String token = signer.issue(u.user(), u.credentialVersion(), expires);
    String id = signer.verify(token, clock.instant()).orElseThrow().id();
    m.request().replyTo().tell(new LoggedIn(token, expires, new Principal(u.user(), u.domain(), u.role(), id)));
    return this;
  }

  private Behavior<Command> onIssueServiceToken(IssueServiceToken m) {
    if (signer == null) {
      m.replyTo().tell(new ServiceToken(null, null));
      return this;
    }
    Instant expires = clock.instant().plus(java.time.Duration.ofHours(1));
    m.replyTo().tell(new ServiceToken(signer.issue(SERVICE_USER, 0, expires), expires));
    return this;
  }

  private Behavior<Command> onAuthorize(Authorize m, boolean refreshed) {
    if (signer == null) {
      if (!refreshed) {
        return refresh(m);
      }
      m.replyTo().tell(new Unauthorized("no token key yet"));
      return this;
    }
    var claims = signer.verify(m.token(), clock.instant());
    if (claims.isEmpty()) {
      m.replyTo().tell(new Unauthorized("invalid or expired token"));
      return this;
    }
    if (SERVICE_USER.equals(claims.get().user())) {
      m.replyTo().tell(m.scope() == Scope.INTERNAL
          ? new Authorized(new Principal(SERVICE_USER, Names.DEFAULT_DOMAIN, Role.ADMIN, claims.get().id()))
          : new Unauthorized("a blade's service token is good for /internal/* only"));
      return this;
    }
    UserRecord u = users.get(claims.get().user());
    if (u == null && !refreshed) {
      return refresh(m);
    }
    if (u == null) {
      m.replyTo().tell(new Unauthorized("user no longer exists"));
    } else if (u.credentialVersion() != claims.get().credentialVersion()) {
      m.replyTo().tell(new Unauthorized("password changed since the token was issued"));
    } else if (revoked.containsKey(claims.get().id())) {
      m.replyTo().tell(new Unauthorized("token was logged out"));
    } else {
      m.replyTo().tell(new Authorized(new Principal(u.user(), u.domain(), u.role(), claims.get().id())));
    }
    return this;
  }

  private Behavior<Command> onLogout(Logout m) {
    var claims = signer == null ? java.util.Optional.<TokenSigner.Claims>empty()
        : signer.verify(m.token(), clock.instant());
    if (claims.isEmpty()) {
      m.replyTo().tell(new Failed(Failure.INVALID, "invalid or expired token"));
      return this;
    }
    long now = clock.instant().getEpochSecond();
    String id = claims.get().id();
    long exp = claims.get().expiresAt().getEpochSecond();
    Map<String, Long> withRevoked = new HashMap<>(revoked);
    withRevoked.put(id, exp);
    revoked = withRevoked;
    revokedData.askUpdate(
        r -> new Replicator.Update<>(UserKeys.REVOKED, LWWMap.empty(), UserKeys.majority(settings), r,
            map -> UserKeys.pruneExpired(map, node, now).put(node, id, exp)),
        rsp -> new Written(rsp, m.replyTo(), "logged out"));
    return this;
  }

  // ---- user management

  private Behavior<Command> onAddUser(AddUser m) {
    try {
      Names.requireUser(m.user());
      Names.requirePassword(m.password());
      Names.domainOrDefault(m.domain());
      if (m.role() == null) {
        throw new IllegalArgumentException("role is required: admin, operator or viewer");
      }
    } catch (IllegalArgumentException e) {
      m.replyTo().tell(new Failed(Failure.INVALID, e.getMessage()));
      return this;
    }
    if (users.containsKey(m.user())) {
      m.replyTo().tell(new Failed(Failure.CONFLICT, "user '" + m.user() + "' already exists"));
      return this;
    }
    return hashThen(m, m.password());
  }

  private Behavior<Command> onChangePassword(ChangePassword m) {
    try {
      Names.requirePassword(m.password());
    } catch (IllegalArgumentException e) {
      m.replyTo().tell(new Failed(Failure.INVALID, e.getMessage()));
      return this;
    }
    if (!mayExist(m.user())) {
      m.replyTo().tell(new Failed(Failure.NOT_FOUND, "no user '" + Names.printable(m.user()) + "'"));
      return this;
    }
    return hashThen(m, m.password());
  }

  /**
   * False only for names no user can have. Whether a valid name exists is decided after the
   * majority read of {@link #changeUsers}: this blade may not have heard of a user added
   * elsewhere (or, right after EnsureAdmin, of the admin) yet.
   */
  private static boolean mayExist(String user) {
    try {
      Names.requireUser(user);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Behavior<Command> hashThen(Command request, String password) {
    getContext().pipeToSelf(
        CompletableFuture.supplyAsync(() -> hasher.hash(password), blockingIo),
        (hash, failure) -> new Hashed(request, hash, failure));
    return this;
  }

  private Behavior<Command> onHashed(Hashed m) {
    if (m.request() instanceof AddUser a) {
      if (m.failure() != null) {
        a.replyTo().tell(new Failed(Failure.UNAVAILABLE, "cannot hash password: " + m.failure().getMessage()));
        return this;
      }
      // the first credential version is the creation time, not 1: a token of an earlier user of
      // the same name (removed, then added again) must not be honoured for the new one
      long created = clock.millis();
      UserRecord record = new UserRecord(a.user(), Names.domainOrDefault(a.domain()), a.role(), m.hash(), created,
          created);
      changeUsers(map -> UserKeys.putNew(map, node, record), a.replyTo(),
          "user '" + a.user() + "' added as " + a.role().wireName());
    } else if (m.request() instanceof ChangePassword c) {
      if (m.failure() != null) {
        c.replyTo().tell(new Failed(Failure.UNAVAILABLE, "cannot hash password: " + m.failure().getMessage()));
        return this;
      }
      changeUsers(map -> UserKeys.changePassword(map, node, c.user(), m.hash()), c.replyTo(),
          "password of '" + c.user() + "' changed");
    }
    return this;
  }

  private Behavior<Command> onRemoveUser(RemoveUser m) {
    if (!mayExist(m.user())) {
      m.replyTo().tell(new Failed(Failure.NOT_FOUND, "no user '" + Names.printable(m.user()) + "'"));
      return this;
    }
    changeUsers(map -> UserKeys.remove(map, node, m.user()), m.replyTo(), "user '" + m.user() + "' removed");
    return this;
  }

  /**
   * Applies {@code change} to the user table as a majority of blades has it, not only as this
   * blade has heard of it: a majority read first (the Replicator merges what it read into the
   * local replica before answering), then the change on the local replica, written to a
   * majority. Otherwise a user just added on another blade would be silently replaced by an
   * add of the same name here, and a password change here could reuse the credential version
   * of one just made elsewhere.
   */
  private void changeUsers(java.util.function.UnaryOperator<LWWMap<String, UserRecord>> change,
      ActorRef<Result> replyTo, String message) {
    usersData.askGet(r -> new Replicator.Get<>(UserKeys.USERS, UserKeys.readMajority(settings), r),
        rsp -> new UsersReadForChange(rsp, change, replyTo, message));
  }

  private Behavior<Command> onUsersReadForChange(UsersReadForChange m) {
    if (!(m.rsp() instanceof Replicator.GetSuccess<?>) && !(m.rsp() instanceof Replicator.NotFound<?>)) {
      m.replyTo().tell(new Failed(Failure.UNAVAILABLE,
          "user table not changed: a majority of blades did not answer in time; try again"));
      return this;
    }
    usersData.askUpdate(
        r -> new Replicator.Update<>(UserKeys.USERS, LWWMap.empty(), UserKeys.majority(settings), r,
            m.change()::apply),
        rsp -> new Written(rsp, m.replyTo(), m.message()));
    return this;
  }

  private Behavior<Command> onListUsers(ListUsers m) {
    m.replyTo().tell(new Users(users.values().stream()
        .sorted(Comparator.comparing(UserRecord::user))
        .map(UserRegistry::view)
        .toList()));
    return this;
  }

  private Behavior<Command> onWritten(Written m) {
    UserRegistry.Result result = UserKeys.outcome(m.rsp(), m.message());
    if (result instanceof Done && UserKeys.USERS.equals(m.rsp().key())) {
      // the local replica has the change now; the subscription would tell us only later
      usersData.askGet(r -> new Replicator.Get<>(UserKeys.USERS, Replicator.readLocal(), r),
          rsp -> new UsersReloaded(rsp, m.replyTo(), result));
      return this;
    }
    m.replyTo().tell(result);
    return this;
  }

  private Behavior<Command> onUsersReloaded(UsersReloaded m) {
    if (m.rsp() instanceof Replicator.GetSuccess<LWWMap<String, UserRecord>> ok) {
      users = new HashMap<>(ok.get(UserKeys.USERS).getEntries());
    }
    m.replyTo().tell(m.result());
    return this;
  }

  /** How the API shows a user. */
  public static UserView view(UserRecord u) {
    return new UserView(u.user(), u.domain(), u.role().wireName(), Instant.ofEpochMilli(u.createdAtEpochMillis()));
  }

  // ---- bootstrap of a new cluster

  private Behavior<Command> onEnsureAdmin(EnsureAdmin m) {
    usersData.askGet(r -> new Replicator.Get<>(UserKeys.USERS, Replicator.readLocal(), r),
        rsp -> new BootstrapRead(rsp, m));
    return this;
  }

  private Behavior<Command> onBootstrapRead(BootstrapRead m) {
    if (m.rsp() instanceof Replicator.GetSuccess<LWWMap<String, UserRecord>> ok
        && !ok.get(UserKeys.USERS).isEmpty()) {
      ensureKey();
      m.request().replyTo().tell(new AlreadyInitialized(ok.get(UserKeys.USERS).size()));
      return this;
    }
    String password = PasswordHasher.randomPassword(24);
    Path file = m.request().passwordFile();
    getContext().pipeToSelf(
        CompletableFuture.supplyAsync(() -> {
          PasswordHash hash = hasher.hash(password);
          try {
            SecretFile.write(file, password);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
          }
          return hash;
        }, blockingIo),
        (hash, failure) -> new AdminPrepared(m.request(), hash, failure));
    return this;
  }

  private Behavior<Command> onAdminPrepared(AdminPrepared m) {
    if (m.failure() != null) {
      Throwable cause = m.failure().getCause() != null ? m.failure().getCause() : m.failure();
      m.request().replyTo().tell(new BootstrapFailed(cause.getMessage()));
      return this;
    }
    UserRecord admin = new UserRecord("admin", Names.DEFAULT_DOMAIN, Role.ADMIN, m.hash(), 1, clock.millis());
    usersData.askUpdate(
        r -> new Replicator.Update<>(UserKeys.USERS, LWWMap.empty(), Replicator.writeLocal(), r,
            map -> map.put(node, admin.user(), admin)),
        rsp -> new AdminStored(rsp, m.request()));
    ensureKey();
    return this;
  }

  private Behavior<Command> onAdminStored(AdminStored m) {
    if (m.rsp() instanceof Replicator.UpdateSuccess) {
      m.request().replyTo().tell(new AdminCreated(m.request().passwordFile()));
    } else {
      m.request().replyTo().tell(new BootstrapFailed("cannot store the admin user: " + m.rsp()));
    }
    return this;
  }

  private void ensureKey() {
    if (signer != null) {
      return;
    }
    String fresh = Base64.getEncoder().encodeToString(TokenSigner.newKey());
    keyData.askUpdate(
        r -> new Replicator.Update<>(UserKeys.TOKEN_KEY, LWWRegister.create(node, fresh), Replicator.writeLocal(), r,
            reg -> reg),
        KeyStored::new);
  }

  // ---- replicated state

  private Behavior<Command> refresh(Command original) {
    usersData.askGet(r -> new Replicator.Get<>(UserKeys.USERS, UserKeys.readMajority(settings), r),
        rsp -> new UsersFetched(rsp, original));
    return this;
  }

  private Behavior<Command> onUsersFetched(UsersFetched m) {
    if (m.rsp() instanceof Replicator.GetSuccess<LWWMap<String, UserRecord>> ok) {
      users = new HashMap<>(ok.get(UserKeys.USERS).getEntries());
    }
    keyData.askGet(r -> new Replicator.Get<>(UserKeys.TOKEN_KEY, UserKeys.readMajority(settings), r),
        rsp -> new KeyFetched(rsp, m.original(), false));
    return this;
  }

  private Behavior<Command> onKeyFetched(KeyFetched m) {
    if (m.rsp() instanceof Replicator.GetSuccess<LWWRegister<String>> ok) {
      useKey(ok.get(UserKeys.TOKEN_KEY).getValue());
    } else if (signer == null && !m.fromAll() && m.rsp() instanceof Replicator.NotFound<LWWRegister<String>>) {
      // a cage just formed: the key may so far be only on the blade that made it, outside the
      // majority asked; every blade is asked before a caller is told there is no key (not on a
      // failed read: in a minority, asking all would only wait longer)
      keyData.askGet(r -> new Replicator.Get<>(UserKeys.TOKEN_KEY, new Replicator.ReadAll(settings.writeTimeout()), r),
          rsp -> new KeyFetched(rsp, m.original(), true));
      return this;
    }
    if (m.original() instanceof Login login) {
      return onLogin(login, true);
    }
    return onAuthorize((Authorize) m.original(), true);
  }

  private Behavior<Command> onDataChanged(DataChanged m) {
    if (m.rsp() instanceof Replicator.Changed<?> c) {
      if (c.key().equals(UserKeys.USERS)) {
        users = new HashMap<>(c.get(UserKeys.USERS).getEntries());
      } else if (c.key().equals(UserKeys.TOKEN_KEY)) {
        useKey(c.get(UserKeys.TOKEN_KEY).getValue());
      } else if (c.key().equals(UserKeys.REVOKED)) {
        revoked = new HashMap<>(c.get(UserKeys.REVOKED).getEntries());
      }
    }
    return this;
  }

  private void useKey(String base64) {
    signer = new TokenSigner(Base64.getDecoder().decode(base64));
  }
}
