package dci.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API of real blades: open health, bearer auth, roles, JSON errors, cluster-wide users. */
@ExtendWith(CageExtension.class)
class ApiTest {
  private static TestCluster cage;
  private static String adminToken;

  @BeforeAll
  static void logIn(TestCluster shared) {
    cage = shared;
    adminToken = Http.login(cage.url(1), "admin", cage.adminPassword());
  }

  @Test
  void healthNeedsNoTokenAndNamesTheAnsweringBlade() {
    Http.Reply r = Http.get(cage.url(2) + "/api/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("blade").asText()).isEqualTo("blade-2");
    assertThat(r.json().get("status").asText()).isEqualTo("Up");
  }

  @Test
  void protectedEndpointWithoutTokenAnswers401WithJsonErrorAndChallenge() {
    Http.Reply r = Http.get(cage.url(1) + "/api/blades", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().get("error").asText()).contains("token");
    assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void forgedOrGarbageTokensAreRefused() {
    assertThat(Http.get(cage.url(1) + "/api/blades", "garbage").status()).isEqualTo(401);
    String forged = adminToken.substring(0, adminToken.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThat(Http.get(cage.url(1) + "/api/blades", forged).status()).isEqualTo(401);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSame401() {
    Http.Reply wrongPassword = Http.post(cage.url(1) + "/api/login", null, "{\"user\":\"admin\",\"password\":\"nope-nope\"}");
    Http.Reply unknownUser = Http.post(cage.url(1) + "/api/login", null, "{\"user\":\"mallory\",\"password\":\"nope-nope\"}");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.text()).isEqualTo(unknownUser.text());
    Http.login(cage.url(1), "admin", cage.adminPassword()); // a good login clears the address's failures
  }

  @Test
  void loginWithTheWrongDomainIsRefusedAndWithTheRightOneAccepted() {
    String pw = cage.adminPassword();
    assertThat(Http.post(cage.url(1) + "/api/login", null,
        "{\"user\":\"admin\",\"password\":\"" + pw + "\",\"domain\":\"elsewhere\"}").status()).isEqualTo(401);
    assertThat(Http.post(cage.url(1) + "/api/login", null,
        "{\"user\":\"admin\",\"password\":\"" + pw + "\",\"domain\":\"local\"}").status()).isEqualTo(200);
  }

  @Test
  void tokenIssuedByOneBladeWorksOnEveryBladeAndShowsTheWholeDirectory() {
    for (int k = 1; k <= 3; k++) {
      Http.Reply r = Http.get(cage.url(k) + "/api/blades", adminToken);
      assertThat(r.status()).isEqualTo(200);
      List<String> names = new ArrayList<>();
      for (JsonNode b : r.json()) {
        names.add(b.get("name").asText());
        assertThat(b.get("status").asText()).isEqualTo("Up");
        assertThat(b.get("address").asText()).startsWith("127.0.0.1:");
        assertThat(b.get("dataCenter").asText()).isEqualTo("default");
        assertThat(b.has("roles") && b.has("freeBytes") && b.has("totalBytes") && b.has("upSince")).isTrue();
      }
      assertThat(names).containsExactly("blade-1", "blade-2", "blade-3");
    }
  }

  @Test
  void userCreatedThroughBlade1LogsInThroughBlade3AndViewerIsForbiddenFromAdminEndpoints() {
    Http.Reply created = Http.post(cage.url(1) + "/api/users", adminToken,
        "{\"user\":\"vera\",\"password\":\"vera-secret\",\"role\":\"viewer\"}");
    assertThat(created.status()).isEqualTo(201);
    String viewer = Http.login(cage.url(3), "vera", "vera-secret");
    assertThat(Http.get(cage.url(3) + "/api/blades", viewer).status()).isEqualTo(200);
    Http.Reply forbidden = Http.get(cage.url(3) + "/api/users", viewer);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().get("error").asText()).contains("admin");
    assertThat(Http.post(cage.url(2) + "/api/users", viewer,
        "{\"user\":\"eve\",\"password\":\"eve-secret\",\"role\":\"admin\"}").status()).isEqualTo(403);
  }

  @Test
  void aDeskRunsCommandsOnlyForItsOwnOperatorOrAnAdminNeverForAViewer() {
    for (String u : new String[] {"deskviewer:viewer", "deskop:operator", "otherop:operator"}) {
      String[] p = u.split(":");
      assertThat(Http.post(cage.url(1) + "/api/users", adminToken, "{\"user\":\"" + p[0]
          + "\",\"password\":\"" + p[0] + "-secret\",\"role\":\"" + p[1] + "\"}").status()).isEqualTo(201);
      assertThat(Http.put(cage.url(1) + "/api/ports/" + p[0], adminToken, "{\"blade\":\"blade-2\"}").status())
          .isEqualTo(200);
    }
    String cmd = "{\"argv\":[\"pwd\"]}";
    String viewer = Http.login(cage.url(1), "deskviewer", "deskviewer-secret");
    assertThat(Http.post(cage.url(1) + "/api/desk/deskviewer/exec", viewer, cmd).status())
        .as("a desk command runs as the blade's OS user: not for viewers").isEqualTo(403);
    String op = Http.login(cage.url(1), "deskop", "deskop-secret");
    Http.Reply own = Http.post(cage.url(1) + "/api/desk/deskop/exec", op, cmd);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("blade").asText()).isEqualTo("blade-2");
    assertThat(own.json().get("stdout").asText()).contains("home").contains("deskop");
    assertThat(Http.post(cage.url(1) + "/api/desk/otherop/exec", op, cmd).status()).as("another user's desk")
        .isEqualTo(403);
    assertThat(Http.post(cage.url(1) + "/api/desk/otherop/exec", adminToken, cmd).status()).isEqualTo(200);
  }

  @Test
  void duplicateUserIs409AndBadInputIs400() {
    Http.post(cage.url(1) + "/api/users", adminToken, "{\"user\":\"dup\",\"password\":\"dup-secret\",\"role\":\"operator\"}");
    assertThat(Http.post(cage.url(1) + "/api/users", adminToken,
        "{\"user\":\"dup\",\"password\":\"dup-secret\",\"role\":\"operator\"}").status()).isEqualTo(409);
    assertThat(Http.post(cage.url(1) + "/api/users", adminToken,
        "{\"user\":\"Bad Name\",\"password\":\"long-enough\",\"role\":\"viewer\"}").status()).isEqualTo(400);
    assertThat(Http.post(cage.url(1) + "/api/users", adminToken,
        "{\"user\":\"short\",\"password\":\"x\",\"role\":\"viewer\"}").status()).isEqualTo(400);
    Http.Reply badRole = Http.post(cage.url(1) + "/api/users", adminToken,
        "{\"user\":\"rolly\",\"password\":\"long-enough\",\"role\":\"god\"}");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.json().get("error").asText()).contains("unknown role");
  }

  @Test
  void malformedJsonAndUnknownFieldsAre400WithAClearMessage() {
    Http.Reply malformed = Http.post(cage.url(1) + "/api/login", null, "{\"user\": \"admin\",");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("error").asText()).startsWith("malformed JSON");
    Http.Reply unknown = Http.post(cage.url(1) + "/api/login", null, "{\"user\":\"a\",\"password\":\"b\",\"admin\":true}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").asText()).contains("unknown field 'admin'");
    Http.Reply empty = Http.post(cage.url(1) + "/api/login", null, "");
    assertThat(empty.status()).isEqualTo(400);
  }

  @Test
  void unknownRoutesAre404AndWrongMethodsAre405BothAsJson() {
    Http.Reply missing = Http.get(cage.url(1) + "/api/nothing-here", adminToken);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("status").asInt()).isEqualTo(404);
    assertThat(Http.get(cage.url(1) + "/elsewhere", null).status()).isEqualTo(404);
    Http.Reply wrongMethod = Http.delete(cage.url(1) + "/api/health", null);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json()).isNotNull();
  }

  @Test
  void logoutEndsTheSessionOnEveryBlade() throws InterruptedException {
    String token = Http.login(cage.url(1), "admin", cage.adminPassword());
    assertThat(Http.post(cage.url(2) + "/api/logout", token, "{}").status()).isEqualTo(200);
    assertThat(Http.get(cage.url(2) + "/api/blades", token).status()).isEqualTo(401);
    awaitStatus(cage.url(3) + "/api/blades", token, 401);
    assertThat(Http.get(cage.url(3) + "/api/blades", adminToken).status()).isEqualTo(200);
  }

  @Test
  void passwordChangeEndsOldSessionsAndUsersMayOnlyChangeTheirOwn() throws InterruptedException {
    Http.post(cage.url(1) + "/api/users", adminToken, "{\"user\":\"pat\",\"password\":\"pat-secret-1\",\"role\":\"operator\"}");
    String old = Http.login(cage.url(2), "pat", "pat-secret-1");
    assertThat(Http.put(cage.url(2) + "/api/users/admin/password", old, "{\"password\":\"hijacked-pw\"}").status())
        .isEqualTo(403);
    assertThat(Http.put(cage.url(2) + "/api/users/pat/password", old,
        "{\"password\":\"pat-secret-2\",\"current\":\"pat-secret-1\"}").status()).isEqualTo(200);
    awaitStatus(cage.url(3) + "/api/blades", old, 401);
    assertThat(Http.get(cage.url(3) + "/api/blades", Http.login(cage.url(3), "pat", "pat-secret-2")).status())
        .isEqualTo(200);
  }

  @Test
  void removedUserCanNoLongerUseTheirTokenAndTheLastAdminCannotBeRemoved() throws InterruptedException {
    Http.post(cage.url(1) + "/api/users", adminToken, "{\"user\":\"tmp\",\"password\":\"tmp-secret\",\"role\":\"viewer\"}");
    String token = Http.login(cage.url(1), "tmp", "tmp-secret");
    assertThat(Http.delete(cage.url(1) + "/api/users/tmp", adminToken).status()).isEqualTo(200);
    awaitStatus(cage.url(2) + "/api/blades", token, 401);
    assertThat(Http.delete(cage.url(1) + "/api/users/admin", adminToken).status()).isEqualTo(409);
    assertThat(Http.delete(cage.url(1) + "/api/users/ghost", adminToken).status()).isEqualTo(404);
  }

  @Test
  void repeatedFailedLoginsFromOneAddressAreSlowedDown() {
    String url = cage.url(3) + "/api/login";
    String bad = "{\"user\":\"admin\",\"password\":\"not-the-password\"}";
    for (int i = 0; i < 3; i++) {
      Http.post(url, null, bad);
    }
    long t0 = System.nanoTime();
    assertThat(Http.post(url, null, bad).status()).isEqualTo(401);
    long fourth = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    assertThat(Http.post(url, null, bad).status()).isEqualTo(401);
    long fifth = (System.nanoTime() - t0) / 1_000_000;
    assertThat(fourth).as("4th failed login delayed (ms)").isGreaterThanOrEqualTo(250);
    assertThat(fifth).as("5th failed login delayed (ms)").isGreaterThanOrEqualTo(500);
    Http.login(cage.url(3), "admin", cage.adminPassword());
    t0 = System.nanoTime();
    Http.post(url, null, bad);
    assertThat((System.nanoTime() - t0) / 1_000_000).as("after a good login, no delay (ms)").isLessThan(250);
    Http.login(cage.url(3), "admin", cage.adminPassword());
  }

  /** Waits (replication between blades) until {@code url} answers {@code expected} to {@code token}. */
  private static void awaitStatus(String url, String token, int expected) {
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(Http.get(url, token).status()).as("GET %s", url).isEqualTo(expected));
  }

}
