package dci.actors.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.BladeSettings;
import dci.actors.TestBlades;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user table is durable on each blade: a blade restarted on its data directory keeps its users. */
class UsersSurviveRestartTest {
  @TempDir Path dir;

  private BladeSettings blade(Path data) {
    return new BladeSettings("blade-1", "127.0.0.1", TestBlades.freePort(), "127.0.0.1", TestBlades.freePort(), data,
        List.of(), "default", List.of());
  }

  @Test
  void adminCreatedOnceWithAMode600PasswordFileAndUsersTokensAndLogoutsStillThereAfterARestart() throws Exception {
    Path data = dir.resolve("blade-1");
    Path file = dir.resolve("admin.password");
    String password;
    String kept;
    String loggedOut;
    try (TestBlades first = new TestBlades()) {
      var parts = first.add(blade(data));
      TestProbe<UserRegistry.BootstrapResult> probe = TestProbe.create(first.systems.get(0));
      parts.users().tell(new UserRegistry.EnsureAdmin(file, probe.getRef()));
      assertThat(probe.receiveMessage(Duration.ofSeconds(20))).isInstanceOf(UserRegistry.AdminCreated.class);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      password = Files.readString(file).strip();
      parts.users().tell(new UserRegistry.EnsureAdmin(file, probe.getRef()));
      assertThat(probe.receiveMessage(Duration.ofSeconds(20))).isInstanceOf(UserRegistry.AlreadyInitialized.class);
      TestProbe<UserRegistry.Result> added = TestProbe.create(first.systems.get(0));
      parts.users().tell(new UserRegistry.AddUser("carol", "carol-secret", dci.protocol.auth.Role.OPERATOR, null,
          added.getRef()));
      assertThat(added.receiveMessage(Duration.ofSeconds(20))).isInstanceOf(UserRegistry.Done.class);
      TestProbe<UserRegistry.LoginResult> login = TestProbe.create(first.systems.get(0));
      parts.users().tell(new UserRegistry.Login("carol", "carol-secret", null, login.getRef()));
      kept = login.expectMessageClass(UserRegistry.LoggedIn.class, Duration.ofSeconds(20)).token();
      parts.users().tell(new UserRegistry.Login("carol", "carol-secret", null, login.getRef()));
      loggedOut = login.expectMessageClass(UserRegistry.LoggedIn.class, Duration.ofSeconds(20)).token();
      parts.users().tell(new UserRegistry.Logout(loggedOut, added.getRef()));
      assertThat(added.receiveMessage(Duration.ofSeconds(20))).isInstanceOf(UserRegistry.Done.class);
    }
    try (TestBlades second = new TestBlades()) {
      var parts = second.add(blade(data));
      TestProbe<UserRegistry.BootstrapResult> probe = TestProbe.create(second.systems.get(0));
      parts.users().tell(new UserRegistry.EnsureAdmin(file, probe.getRef()));
      assertThat(probe.receiveMessage(Duration.ofSeconds(20))).isEqualTo(new UserRegistry.AlreadyInitialized(2));
      assertThat(Files.readString(file).strip()).as("the password file is not rewritten").isEqualTo(password);
      TestProbe<UserRegistry.LoginResult> login = TestProbe.create(second.systems.get(0));
      parts.users().tell(new UserRegistry.Login("carol", "carol-secret", null, login.getRef()));
      assertThat(login.receiveMessage(Duration.ofSeconds(20))).isInstanceOf(UserRegistry.LoggedIn.class);
      parts.users().tell(new UserRegistry.Login("admin", password, null, login.getRef()));
      assertThat(login.receiveMessage(Duration.ofSeconds(20))).isInstanceOf(UserRegistry.LoggedIn.class);
      TestProbe<UserRegistry.AuthResult> auth = TestProbe.create(second.systems.get(0));
      parts.users().tell(new UserRegistry.Authorize(kept, auth.getRef()));
      assertThat(auth.receiveMessage(Duration.ofSeconds(20))).as("the token key is durable too")
          .isInstanceOf(UserRegistry.Authorized.class);
      parts.users().tell(new UserRegistry.Authorize(loggedOut, auth.getRef()));
      assertThat(auth.receiveMessage(Duration.ofSeconds(20))).as("a logout is durable too")
          .isInstanceOf(UserRegistry.Unauthorized.class);
    }
  }
}
