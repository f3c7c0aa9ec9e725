package dci.actors.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.TestBlades;
import dci.protocol.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-wide user table on three blades in one JVM: the admin is bootstrapped on
 * blade-1, users and tokens made on one blade are honoured on the others, and every refusal
 * says why. Each test uses its own user names, so the tests do not depend on their order.
 */
class UserRegistryTest {
  private static final Duration ASK = Duration.ofSeconds(15);
  private static final Duration SPREAD = Duration.ofSeconds(15);

  @TempDir static Path dir;
  static TestBlades blades;
  static Path passwordFile;
  static UserRegistry.BootstrapResult firstBootstrap;
  static UserRegistry.BootstrapResult secondBootstrap;
  static String adminPassword;

  @BeforeAll
  static void startThreeBladesAndBootstrapTheAdmin() throws Exception {
    blades = TestBlades.start(3, dir);
    blades.awaitAllUp(3, Duration.ofSeconds(30));
    passwordFile = dir.resolve("secrets/admin.password");
    firstBootstrap = blades.ask(1, users(1), r -> new UserRegistry.EnsureAdmin(passwordFile, r), ASK);
    adminPassword = Files.isRegularFile(passwordFile) ? Files.readString(passwordFile).strip() : null;
    secondBootstrap = blades.ask(1, users(1), r -> new UserRegistry.EnsureAdmin(passwordFile, r), ASK);
  }

  @AfterAll
  static void stop() {
    if (blades != null) {
      blades.close();
    }
  }

  // ---- helpers

  static ActorRef<UserRegistry.Command> users(int blade) {
    return blades.parts(blade).users();
  }

  static <R> R ask(int blade, Function<ActorRef<R>, UserRegistry.Command> request) {
    return blades.ask(blade, users(blade), request, ASK);
  }

  static UserRegistry.Result manage(int blade, Function<ActorRef<UserRegistry.Result>, UserRegistry.Command> request) {
    return ask(blade, request);
  }

  static UserRegistry.LoginResult login(int blade, Function<ActorRef<UserRegistry.LoginResult>, UserRegistry.Command> request) {
    return ask(blade, request);
  }

  static UserRegistry.LoginResult login(int blade, String user, String password) {
    return ask(blade, r -> new UserRegistry.Login(user, password, null, r));
  }

  static String token(int blade, String user, String password) {
    UserRegistry.LoginResult result = login(blade, user, password);
    assertThat(result).as("login of %s on blade-%d", user, blade).isInstanceOf(UserRegistry.LoggedIn.class);
    return ((UserRegistry.LoggedIn) result).token();
  }

  static UserRegistry.AuthResult authorize(int blade, String token) {
    return ask(blade, r -> new UserRegistry.Authorize(token, r));
  }

  static UserRegistry.Result addUser(int blade, String user, String password, Role role) {
    return ask(blade, r -> new UserRegistry.AddUser(user, password, role, null, r));
  }

  static void added(String user, String password, Role role) {
    assertThat(addUser(1, user, password, role)).isInstanceOf(UserRegistry.Done.class);
  }

  static void assertFailed(UserRegistry.Result result, UserRegistry.Failure failure) {
    assertThat(result).isInstanceOf(UserRegistry.Failed.class);
    assertThat(((UserRegistry.Failed) result).failure()).as(((UserRegistry.Failed) result).message())
        .isEqualTo(failure);
  }

  /** Polls {@code check} until it passes or {@code max} is over. */
  static void eventually(Duration max, Runnable check) {
    TestProbe<Object> waiter = TestProbe.create(blades.system(1));
    waiter.awaitAssert(max, Duration.ofMillis(200), () -> {
      check.run();
      return null;
    });
  }

  // ---- bootstrap

  @Test
  void ensureAdminCreatesTheAdminOnceWithItsPasswordInAMode600File() throws Exception {
    assertThat(firstBootstrap).isEqualTo(new UserRegistry.AdminCreated(passwordFile));
    assertThat(Files.getPosixFilePermissions(passwordFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(adminPassword).hasSize(24).matches("[A-Za-z0-9]+");
    assertThat(secondBootstrap).isInstanceOf(UserRegistry.AlreadyInitialized.class);
    assertThat(((UserRegistry.AlreadyInitialized) secondBootstrap).users()).isPositive();
    assertThat(Files.readString(passwordFile).strip()).as("the second call leaves the file alone")
        .isEqualTo(adminPassword);
    try (var listing = Files.list(passwordFile.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString())).as("no temporary file left behind")
          .containsExactly("admin.password");
    }
  }

  @Test
  void theAdminLogsInOnTheFormingBladeWithThePasswordFromTheFile() {
    Instant before = Instant.now();
    UserRegistry.LoginResult result = login(1, "admin", adminPassword);
    assertThat(result).isInstanceOf(UserRegistry.LoggedIn.class);
    UserRegistry.LoggedIn in = (UserRegistry.LoggedIn) result;
    assertThat(in.principal().user()).isEqualTo("admin");
    assertThat(in.principal().role()).isEqualTo(Role.ADMIN);
    assertThat(in.principal().domain()).isEqualTo("local");
    assertThat(in.token()).startsWith("dci1.").doesNotContain(adminPassword);
    assertThat(in.expiresAt()).isAfter(before.plus(Duration.ofHours(11)));
    assertThat(authorize(1, in.token()))
        .isEqualTo(new UserRegistry.Authorized(in.principal()));
  }

  @Test
  void aTokenIssuedOnBlade1IsAuthorizedOnBlade3() {
    String token = token(1, "admin", adminPassword);
    eventually(SPREAD, () -> {
      UserRegistry.AuthResult result = authorize(3, token);
      assertThat(result).isInstanceOf(UserRegistry.Authorized.class);
      Principal p = ((UserRegistry.Authorized) result).principal();
      assertThat(p.user()).isEqualTo("admin");
      assertThat(p.role()).isEqualTo(Role.ADMIN);
    });
    eventually(SPREAD, () -> assertThat(authorize(2, token)).isInstanceOf(UserRegistry.Authorized.class));
  }

  @Test
  void theAdminLogsInOnAnotherBladeToo() {
    eventually(SPREAD, () -> assertThat(login(3, "admin", adminPassword)).isInstanceOf(UserRegistry.LoggedIn.class));
  }

  // ---- users made on one blade, used on another

  @Test
  void aViewerAddedOnBlade1LogsInOnBlade3() {
    added("victor", "victor-pass-1", Role.VIEWER);
    eventually(SPREAD, () -> {
      UserRegistry.LoginResult result = login(3, "victor", "victor-pass-1");
      assertThat(result).isInstanceOf(UserRegistry.LoggedIn.class);
      assertThat(((UserRegistry.LoggedIn) result).principal().role()).isEqualTo(Role.VIEWER);
    });
    UserRegistry.Result listed = ask(2, UserRegistry.ListUsers::new);
    assertThat(listed).isInstanceOf(UserRegistry.Users.class);
    eventually(SPREAD, () -> {
      UserRegistry.Users all = (UserRegistry.Users) ask(2, UserRegistry.ListUsers::new);
      assertThat(all.users()).anySatisfy(u -> {
        assertThat(u.user()).isEqualTo("victor");
        assertThat(u.role()).isEqualTo("viewer");
        assertThat(u.domain()).isEqualTo("local");
      });
    });
  }

  @Test
  void aUserOfAnotherDomainLogsInOnlyInThatDomain() {
    assertThat(manage(1, r -> new UserRegistry.AddUser("dora", "dora-pass-1", Role.OPERATOR, "Lab.Example", r)))
        .isInstanceOf(UserRegistry.Done.class);
    UserRegistry.LoginResult inDomain = login(1, r -> new UserRegistry.Login("dora", "dora-pass-1", "lab.example", r));
    assertThat(inDomain).isInstanceOf(UserRegistry.LoggedIn.class);
    assertThat(((UserRegistry.LoggedIn) inDomain).principal().domain()).isEqualTo("lab.example");
    assertThat(login(1, r -> new UserRegistry.Login("dora", "dora-pass-1", "local", r)))
        .isInstanceOf(UserRegistry.LoginRefused.class);
    assertThat(login(1, r -> new UserRegistry.Login("dora", "dora-pass-1", "bad domain!", r)))
        .isInstanceOf(UserRegistry.LoginRefused.class);
  }

  // ---- refusals

  @Test
  void aWrongPasswordAndAnUnknownUserAreBothRefused() {
    added("wendy", "wendy-pass-1", Role.OPERATOR);
    for (int blade = 1; blade <= 3; blade++) {
      assertThat(login(blade, "wendy", "wendy-pass-2")).isInstanceOf(UserRegistry.LoginRefused.class);
      assertThat(login(blade, "nobody", "wendy-pass-1")).isInstanceOf(UserRegistry.LoginRefused.class);
      assertThat(login(blade, "admin", "")).isInstanceOf(UserRegistry.LoginRefused.class);
      assertThat(login(blade, "admin", null)).isInstanceOf(UserRegistry.LoginRefused.class);
    }
  }

  @Test
  void theLastAdminCannotBeRemovedButAnotherAdminCan() {
    assertFailed(ask(1, r -> new UserRegistry.RemoveUser("admin", r)), UserRegistry.Failure.CONFLICT);
    assertThat(login(1, "admin", adminPassword)).as("the admin is still there")
        .isInstanceOf(UserRegistry.LoggedIn.class);
    added("second-admin", "second-admin-pw", Role.ADMIN);
    assertThat(manage(1, r -> new UserRegistry.RemoveUser("second-admin", r))).isInstanceOf(UserRegistry.Done.class);
    assertFailed(ask(1, r -> new UserRegistry.RemoveUser("admin", r)), UserRegistry.Failure.CONFLICT);
  }

  @Test
  void addingAnExistingUserIsAConflictAndKeepsTheOriginal() {
    added("carl", "carl-pass-1", Role.VIEWER);
    assertFailed(addUser(1, "carl", "carl-pass-2", Role.ADMIN), UserRegistry.Failure.CONFLICT);
    assertFailed(addUser(1, "admin", "admin-pass-2", Role.ADMIN), UserRegistry.Failure.CONFLICT);
    eventually(SPREAD, () ->
        assertFailed(addUser(2, "carl", "carl-pass-3", Role.ADMIN), UserRegistry.Failure.CONFLICT));
    UserRegistry.LoginResult in = login(1, "carl", "carl-pass-1");
    assertThat(in).isInstanceOf(UserRegistry.LoggedIn.class);
    assertThat(((UserRegistry.LoggedIn) in).principal().role()).isEqualTo(Role.VIEWER);
  }

  @Test
  void aUserJustAddedOnOneBladeCannotBeAddedAgainOnAnotherThatHasNotHeardOfItYet() {
    for (int i = 0; i < 3; i++) {
      String name = "race-" + i;
      added(name, "first-pass-1", Role.VIEWER);
      assertFailed(addUser(2, name, "second-pass-2", Role.ADMIN), UserRegistry.Failure.CONFLICT);
      assertFailed(addUser(3, name, "third-pass-3", Role.ADMIN), UserRegistry.Failure.CONFLICT);
      for (int blade = 1; blade <= 3; blade++) {
        UserRegistry.LoginResult in = login(blade, name, "first-pass-1");
        assertThat(in).as("%s on blade-%d keeps its first password", name, blade)
            .isInstanceOf(UserRegistry.LoggedIn.class);
        assertThat(((UserRegistry.LoggedIn) in).principal().role()).isEqualTo(Role.VIEWER);
      }
    }
  }

  @Test
  void aUserJustAddedOnOneBladeCanBeChangedAndRemovedAtOnceOnAnother() {
    added("quick", "quick-pass-1", Role.VIEWER);
    assertThat(manage(2, r -> new UserRegistry.ChangePassword("quick", "quick-pass-2", r)))
        .isInstanceOf(UserRegistry.Done.class);
    eventually(SPREAD, () ->
        assertThat(login(1, "quick", "quick-pass-2")).isInstanceOf(UserRegistry.LoggedIn.class));
    added("brief", "brief-pass-1", Role.VIEWER);
    assertThat(manage(3, r -> new UserRegistry.RemoveUser("brief", r))).isInstanceOf(UserRegistry.Done.class);
    eventually(SPREAD, () ->
        assertThat(login(1, "brief", "brief-pass-1")).isInstanceOf(UserRegistry.LoginRefused.class));
  }

  @Test
  void aPasswordChangedOnOneBladeAndAgainOnAnotherEndsTheSessionsOfTheFirstChange() {
    added("twice", "twice-pass-0", Role.VIEWER);
    eventually(SPREAD, () -> assertThat(login(3, "twice", "twice-pass-0")).isInstanceOf(UserRegistry.LoggedIn.class));
    assertThat(manage(1, r -> new UserRegistry.ChangePassword("twice", "twice-pass-1", r)))
        .isInstanceOf(UserRegistry.Done.class);
    String afterFirst = token(1, "twice", "twice-pass-1");
    assertThat(manage(3, r -> new UserRegistry.ChangePassword("twice", "twice-pass-2", r)))
        .isInstanceOf(UserRegistry.Done.class);
    eventually(SPREAD, () -> {
      assertThat(authorize(1, afterFirst)).isInstanceOf(UserRegistry.Unauthorized.class);
      assertThat(login(1, "twice", "twice-pass-2")).isInstanceOf(UserRegistry.LoggedIn.class);
    });
  }

  @Test
  void invalidNamesShortPasswordsAndMissingRolesAreInvalid() {
    for (String bad : new String[] {"Bad", "1abc", "", "a b", "ev\nil", "x".repeat(33), "_x"}) {
      assertFailed(addUser(1, bad, "long-enough-1", Role.VIEWER), UserRegistry.Failure.INVALID);
    }
    assertFailed(addUser(1, null, "long-enough-1", Role.VIEWER), UserRegistry.Failure.INVALID);
    assertFailed(addUser(1, "ivan", "short", Role.VIEWER), UserRegistry.Failure.INVALID);
    assertFailed(addUser(1, "ivan", null, Role.VIEWER), UserRegistry.Failure.INVALID);
    assertFailed(addUser(1, "ivan", "p".repeat(1025), Role.VIEWER), UserRegistry.Failure.INVALID);
    assertFailed(addUser(1, "ivan", "long-enough-1", null), UserRegistry.Failure.INVALID);
    assertFailed(ask(1, r -> new UserRegistry.AddUser("ivan", "long-enough-1", Role.VIEWER, "no_underscores", r)),
        UserRegistry.Failure.INVALID);
    assertFailed(ask(1, r -> new UserRegistry.ChangePassword("admin", "short", r)), UserRegistry.Failure.INVALID);
    assertThat(login(1, "ivan", "long-enough-1")).as("nothing was added")
        .isInstanceOf(UserRegistry.LoginRefused.class);
  }

  @Test
  void changingOrRemovingAnUnknownUserIsNotFound() {
    assertFailed(ask(1, r -> new UserRegistry.ChangePassword("ghost", "long-enough-1", r)),
        UserRegistry.Failure.NOT_FOUND);
    assertFailed(ask(1, r -> new UserRegistry.RemoveUser("ghost", r)), UserRegistry.Failure.NOT_FOUND);
    UserRegistry.Result odd = manage(2, r -> new UserRegistry.RemoveUser("Gh\nost", r));
    assertFailed(odd, UserRegistry.Failure.NOT_FOUND);
    assertThat(((UserRegistry.Failed) odd).message()).isEqualTo("no user 'Gh?ost'");
    assertFailed(manage(2, r -> new UserRegistry.RemoveUser(null, r)), UserRegistry.Failure.NOT_FOUND);
    assertFailed(manage(2, r -> new UserRegistry.ChangePassword(null, "long-enough-1", r)),
        UserRegistry.Failure.NOT_FOUND);
  }

  @Test
  void garbageAndForeignTokensAreUnauthorizedEverywhere() {
    String foreign = new TokenSigner(TokenSigner.newKey()).issue("admin", 1, Instant.now().plusSeconds(600));
    for (int blade = 1; blade <= 3; blade++) {
      int b = blade;
      eventually(SPREAD, () -> {
        assertThat(authorize(b, "garbage")).isInstanceOf(UserRegistry.Unauthorized.class);
        assertThat(authorize(b, foreign)).isInstanceOf(UserRegistry.Unauthorized.class);
        assertThat(authorize(b, null)).isInstanceOf(UserRegistry.Unauthorized.class);
      });
    }
    assertFailed(ask(1, r -> new UserRegistry.Logout("garbage", r)), UserRegistry.Failure.INVALID);
  }

  // ---- ending sessions

  @Test
  void changingThePasswordEndsTheSessionsIssuedBefore() {
    added("paula", "paula-pass-1", Role.OPERATOR);
    String old = token(1, "paula", "paula-pass-1");
    eventually(SPREAD, () -> assertThat(authorize(3, old)).isInstanceOf(UserRegistry.Authorized.class));

    assertThat(manage(1, r -> new UserRegistry.ChangePassword("paula", "paula-pass-2", r)))
        .isInstanceOf(UserRegistry.Done.class);

    assertThat(authorize(1, old)).isInstanceOf(UserRegistry.Unauthorized.class);
    eventually(SPREAD, () -> assertThat(authorize(3, old)).isInstanceOf(UserRegistry.Unauthorized.class));
    assertThat(login(1, "paula", "paula-pass-1")).isInstanceOf(UserRegistry.LoginRefused.class);
    String fresh = token(1, "paula", "paula-pass-2");
    assertThat(authorize(1, fresh)).isInstanceOf(UserRegistry.Authorized.class);
    eventually(SPREAD, () -> assertThat(authorize(3, fresh)).isInstanceOf(UserRegistry.Authorized.class));
  }

  @Test
  void logoutRevokesThatTokenOnEveryBladeButNotTheUsersOtherSessions() {
    added("lou", "lou-pass-12", Role.VIEWER);
    String session = token(1, "lou", "lou-pass-12");
    String other = token(1, "lou", "lou-pass-12");
    eventually(SPREAD, () -> assertThat(authorize(2, session)).isInstanceOf(UserRegistry.Authorized.class));

    assertThat(manage(1, r -> new UserRegistry.Logout(session, r))).isInstanceOf(UserRegistry.Done.class);

    assertThat(authorize(1, session)).isInstanceOf(UserRegistry.Unauthorized.class);
    eventually(SPREAD, () -> {
      assertThat(authorize(2, session)).isInstanceOf(UserRegistry.Unauthorized.class);
      assertThat(authorize(3, session)).isInstanceOf(UserRegistry.Unauthorized.class);
    });
    assertThat(authorize(1, other)).isInstanceOf(UserRegistry.Authorized.class);
    assertThat(authorize(3, other)).isInstanceOf(UserRegistry.Authorized.class);
  }

  @Test
  void aRemovedUsersTokenIsUnauthorizedAndTheUserCannotLogIn() {
    added("rita", "rita-pass-12", Role.OPERATOR);
    String token = token(1, "rita", "rita-pass-12");
    eventually(SPREAD, () -> assertThat(authorize(3, token)).isInstanceOf(UserRegistry.Authorized.class));

    assertThat(manage(1, r -> new UserRegistry.RemoveUser("rita", r))).isInstanceOf(UserRegistry.Done.class);

    assertThat(authorize(1, token)).isInstanceOf(UserRegistry.Unauthorized.class);
    assertThat(login(1, "rita", "rita-pass-12")).isInstanceOf(UserRegistry.LoginRefused.class);
    eventually(SPREAD, () -> {
      assertThat(authorize(3, token)).isInstanceOf(UserRegistry.Unauthorized.class);
      assertThat(login(3, "rita", "rita-pass-12")).isInstanceOf(UserRegistry.LoginRefused.class);
    });
  }

  @Test
  void aUserRemovedAndAddedAgainDoesNotGetTheOldSessionsBack() {
    added("rob", "rob-pass-123", Role.VIEWER);
    String before = token(1, "rob", "rob-pass-123");
    assertThat(manage(1, r -> new UserRegistry.RemoveUser("rob", r))).isInstanceOf(UserRegistry.Done.class);
    added("rob", "rob-pass-456", Role.VIEWER);
    assertThat(authorize(1, before)).as("a token of the removed user must not revive")
        .isInstanceOf(UserRegistry.Unauthorized.class);
  }

  @Test
  void aBladesServiceTokenIsGoodForTheInternalRoutesOnly() {
    UserRegistry.ServiceToken service = ask(2, UserRegistry.IssueServiceToken::new);
    assertThat(service.token()).isNotNull();
    assertThat(authorize(1, service.token())).as("on a user-facing route")
        .isEqualTo(new UserRegistry.Unauthorized("a blade's service token is good for /internal/* only"));
    UserRegistry.AuthResult internal = ask(1, r -> new UserRegistry.Authorize(service.token(),
        UserRegistry.Scope.INTERNAL, r));
    assertThat(internal).isInstanceOf(UserRegistry.Authorized.class);
    assertThat(((UserRegistry.Authorized) internal).principal().user()).isEqualTo(UserRegistry.SERVICE_USER);
  }
}
