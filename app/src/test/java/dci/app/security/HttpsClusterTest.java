package dci.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.actors.tls.JoinBundle;
import dci.actors.tls.TlsDir;
import dci.actors.tls.TrustOnly;
import dci.protocol.Json;
import dci.app.TestCage;
import dci.app.TestPeerlets;
import dci.app.node.BladeNode;
import dci.app.node.Cage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two blades serving HTTPS only ({@code dci.http.https = on}, as off loopback): clients that
 * trust the cluster CA reach them, blade-to-blade stripe transfers run over HTTPS, and
 * certificates are issued (through either blade) and revoked by an admin.
 */
class HttpsClusterTest {
  @TempDir static Path dir;
  static BladeNode b1;
  static BladeNode b2;
  static HttpClient trusting;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    var config = ConfigFactory.parseString("dci.http.https = on").withFallback(TestCage.testConfig());
    int seed = TestCage.freePort();
    BladeSettings s1 = new BladeSettings("blade-1", "127.0.0.1", seed, "127.0.0.1", TestCage.freePort(),
        dir.resolve("blade-1"), List.of(), "default", List.of());
    BladeSettings s2 = new BladeSettings("blade-2", "127.0.0.1", TestCage.freePort(), "127.0.0.1", TestCage.freePort(),
        dir.resolve("blade-2"), List.of("127.0.0.1:" + seed), "default", List.of());
    b1 = BladeNode.start(s1, config, TestPeerlets.registry(), dir.resolve("admin.password"));
    Cage.enrol(s2, s1.dataDir());
    b2 = BladeNode.start(s2, config, TestPeerlets.registry(), null);
    trusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .sslContext(TrustOnly.context(List.of(TlsDir.of(s1.dataDir()).credentials("blade-1").ca()))).build();
    await().atMost(Duration.ofSeconds(60)).until(() -> b1.blades().stream()
        .filter(b -> b.status() == dci.protocol.BladeStatus.Up && b.api() != null).count() == 2);
    admin = login(b1.apiUrl(), "admin", dci.hardware.SecretFile.read(dir.resolve("admin.password")));
  }

  @AfterAll
  static void stop() {
    b2.close();
    b1.close();
  }

  static HttpResponse<String> send(HttpRequest r) throws Exception {
    return trusting.send(r, HttpResponse.BodyHandlers.ofString());
  }

  static String login(String url, String user, String pw) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/api/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"" + pw + "\"}")).build());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.mapper().readTree(r.body()).path("token").asText();
  }

  static JsonNode call(String method, String url, String body) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + admin)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build());
    assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  @Test
  void theApiIsHttpsOnlyAndTrustedThroughTheClusterCa() throws Exception {
    assertThat(b1.apiUrl()).startsWith("https://");
    assertThat(b1.blades()).allMatch(b -> b.api() != null && b.api().startsWith("https://"));
    assertThat(send(HttpRequest.newBuilder(URI.create(b2.apiUrl() + "/api/health")).build()).statusCode())
        .isEqualTo(200);
    HttpClient plain = HttpClient.newHttpClient();
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(b2.apiUrl().replace("https:", "http:")
        + "/api/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
        .as("plain HTTP on the HTTPS port").isInstanceOf(java.io.IOException.class);
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(b2.apiUrl() + "/api/health")).build(),
        HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the cluster CA")
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void aFileWrittenThroughOneBladeIsStoredOnTheOtherOverHttpsAndReadBack() throws Exception {
    byte[] data = new byte[9 << 20];
    new Random(7).nextBytes(data);
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        ("admin:" + dci.hardware.SecretFile.read(dir.resolve("admin.password"))).getBytes());
    HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(b1.apiUrl() + "/vnas/https.bin"))
        .header("Authorization", basic).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build());
    assertThat(put.statusCode()).isIn(200, 201, 204);
    JsonNode stat = call("GET", b2.apiUrl() + "/api/vnas/stat?path=/https.bin", null);
    assertThat(stat.toString()).contains("blade-2");
    HttpResponse<byte[]> get = trusting.send(HttpRequest.newBuilder(URI.create(b2.apiUrl() + "/vnas/https.bin"))
        .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(Arrays.equals(get.body(), data)).isTrue();
  }

  @Test
  void backupsDesksAndProbesReachTheOtherBladeOverHttpsTrustingTheClusterCa() throws Exception {
    assertThat(b2.apiUrl()).startsWith("https://");
    // the backup client of blade-1 (JDK client, service token) asks blade-2's store over HTTPS
    assertThat(b1.backup().client().catalog(b2.apiUrl(), "blade-1").archives()).isEmpty();
    assertThat(b1.backup().client().missing(b2.apiUrl(), List.of("00".repeat(32)))).hasSize(1);
  }

  @Test
  void aBundleIssuedThroughTheBladeWithoutTheCaComesFromTheCaAndCanBeRevoked() throws Exception {
    JsonNode issued = call("POST", b2.apiUrl() + "/api/cert/issue", "{\"blade\":\"blade-9\",\"hosts\":[\"10.0.0.9\"]}");
    var creds = JoinBundle.parse(issued.path("bundle").asText());
    assertThat(creds.blade()).isEqualTo("blade-9");
    assertThat(creds.ca()).isEqualTo(TlsDir.of(dir.resolve("blade-1")).ca().certificate());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(call("GET", b2.apiUrl() + "/api/cert", null)
        .findValuesAsText("blade")).contains("blade-1", "blade-2", "blade-9"));
    JsonNode revoked = call("POST", b1.apiUrl() + "/api/cert/revoke", "{\"blade\":\"blade-9\"}");
    assertThat(revoked.path("serials").get(0).asText()).isEqualTo(issued.path("serial").asText());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(TlsDir.of(dir.resolve("blade-2")).readRevoked()).contains(issued.path("serial").asText()));
    HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(b1.apiUrl() + "/api/cert/revoke"))
        .header("Authorization", "Bearer " + admin)
        .POST(HttpRequest.BodyPublishers.ofString("{\"blade\":\"blade-77\"}")).build());
    assertThat(unknown.statusCode()).isEqualTo(404);
  }
}
