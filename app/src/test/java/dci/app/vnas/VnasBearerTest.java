package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dci.app.Http;
import dci.app.TestCluster;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The mount point as the web console uses it: a bearer token (never a password) in the
 * Authorization header, viewers reading and operators writing, an expired token challenged
 * with Bearer (a browser then asks no password), and the WebDAV methods the page sends to
 * another blade after a fail-over (PUT, DELETE, MKCOL) allowed cross-origin for the blades'
 * own origins only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VnasBearerTest {
  private TestCluster cluster;
  private String admin;
  private String viewer;

  @BeforeAll
  void start() {
    cluster = VnasDav.blades(2).start();
    cluster.awaitApis();
    new VnasDav(cluster).awaitStores(2);
    admin = cluster.token();
    cluster.call(1, "POST", "/api/users", Map.of("user", "vic", "password", "viewer-pass-1", "role", "viewer"));
    viewer = cluster.login(2, "vic", "viewer-pass-1");
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private Http.Reply dav(int k, String method, String path, String body, String token, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.url(k) + "/vnas" + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return Http.send(cluster.client(), b);
  }

  @Test
  void anOperatorsTokenWritesAndAViewersTokenOnlyReads() {
    assertThat(dav(1, "MKCOL", "/bearer", null, admin).status()).isEqualTo(201);
    assertThat(dav(1, "PUT", "/bearer/a.txt", "hello", admin).status()).isEqualTo(201);
    Http.Reply read = dav(2, "GET", "/bearer/a.txt", null, viewer);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text()).isEqualTo("hello");
    assertThat(dav(2, "PUT", "/bearer/b.txt", "x", viewer).status()).isEqualTo(403);
    assertThat(dav(2, "MKCOL", "/bearer/sub", null, viewer).status()).isEqualTo(403);
    assertThat(dav(2, "DELETE", "/bearer/a.txt", null, viewer).status()).isEqualTo(403);
    assertThat(dav(2, "DELETE", "/bearer", null, admin).status()).isEqualTo(204);
    assertThat(dav(1, "GET", "/bearer/a.txt", null, admin).status()).isEqualTo(404);
  }

  @Test
  void aBadTokenIsChallengedWithBearerAndNoAuthorizationWithBasic() {
    Http.Reply bad = dav(1, "GET", "/", null, "not-a-token");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    Http.Reply none = dav(1, "GET", "/", null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void anotherBladesPageMayPutDeleteAndMkcolCrossOriginAStrangersMayNot() {
    String page = cluster.url(2);
    await("blade-1 knows blade-2's origin").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> dav(1, "OPTIONS", "/x", null, null, "Origin", page, "Access-Control-Request-Method", "MKCOL")
            .raw().headers().firstValue("Access-Control-Allow-Origin").isPresent());
    for (String method : new String[] {"PUT", "DELETE", "MKCOL"}) {
      Http.Reply pre = dav(1, "OPTIONS", "/cors/x", null, null, "Origin", page,
          "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "authorization, content-type");
      assertThat(pre.status()).as(method).isEqualTo(204);
      assertThat(pre.raw().headers().firstValue("Access-Control-Allow-Origin")).contains(page);
      assertThat(pre.raw().headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m ->
          assertThat(m.split(",\\s*")).contains(method));
      assertThat(pre.raw().headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h ->
          assertThat(h).contains("Authorization").contains("Content-Type"));
    }
    Http.Reply mkcol = dav(1, "MKCOL", "/cors", null, admin, "Origin", page);
    assertThat(mkcol.status()).isEqualTo(201);
    assertThat(mkcol.raw().headers().firstValue("Access-Control-Allow-Origin")).contains(page);
    assertThat(dav(1, "PUT", "/cors/x.txt", "x", admin, "Origin", page).raw().headers()
        .firstValue("Access-Control-Allow-Origin")).contains(page);

    Http.Reply stranger = dav(1, "OPTIONS", "/cors/x.txt", null, null, "Origin", "http://evil.example",
        "Access-Control-Request-Method", "DELETE");
    assertThat(stranger.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(dav(1, "DELETE", "/cors", null, admin, "Origin", "http://evil.example").raw().headers()
        .firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
