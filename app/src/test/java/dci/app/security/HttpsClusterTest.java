package dci.app.security;

import dci.storage.backup.Backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.tls.JoinBundle;
import dci.actors.tls.TlsDir;
import dci.protocol.Json;
import dci.app.TestCluster;
import dci.app.backup.BackupJobs;
import dci.app.node.BladeNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two blades serving HTTPS only ({@code dci.http.https = on}, as off loopback): clients that
 * trust the cluster CA reach them, blade-to-blade stripe transfers run over HTTPS, and
 * certificates are issued (through either blade) and revoked by an admin.
 */
class HttpsClusterTest {
  static TestCluster cluster;
  static BladeNode b1;
  static BladeNode b2;
  static HttpClient trusting;
  static String admin;

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(2).https().config(BackupJobs.SETTINGS).start();
    cluster.awaitApis();
    b1 = cluster.blade(1);
    b2 = cluster.blade(2);
    trusting = cluster.client();
    admin = cluster.token();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static HttpResponse<String> send(HttpRequest r) throws Exception {
    return trusting.send(r, HttpResponse.BodyHandlers.ofString());
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
        ("admin:" + cluster.adminPassword()).getBytes());
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
    assertThat(b1.service(Backup.class).client().catalog(b2.apiUrl(), "blade-7").archives()).isEmpty();
    assertThat(b1.service(Backup.class).client().missing(b2.apiUrl(), List.of("00".repeat(32)))).hasSize(1);
  }

  @Test
  void aBackupIsStoredOnThePeerAndRestoredFromItOverHttps() throws Exception {
    Path root = cluster.dir().resolve("https-home");
    Files.createDirectories(root.resolve("docs"));
    byte[] big = new byte[5 << 20];
    new Random(11).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    Files.writeString(root.resolve("docs/note.txt"), "over TLS");
    BackupJobs jobs = new BackupJobs(cluster);
    jobs.configure("blade-1", Map.of("root", root.toString(), "method", "snapshot"));
    String id = jobs.run("blade-1");
    assertThat(b2.service(Backup.class).store().catalogs().list("blade-1")).as("blade-2 holds the archive")
        .extracting(a -> a.id()).contains(id);

    // the restore reads its chunk stream from blade-2 through PeerHttp.postForStream, over HTTPS
    Path target = cluster.dir().resolve("https-restore");
    jobs.restore("blade-1", id, target, null);
    assertThat(Files.readAllBytes(target.resolve("big.bin"))).isEqualTo(big);
    assertThat(Files.readString(target.resolve("docs/note.txt"))).isEqualTo("over TLS");
  }

  @Test
  void aBundleIssuedThroughTheBladeWithoutTheCaComesFromTheCaAndCanBeRevoked() throws Exception {
    JsonNode issued = call("POST", b2.apiUrl() + "/api/cert/issue", "{\"blade\":\"blade-9\",\"hosts\":[\"10.0.0.9\"]}");
    var creds = JoinBundle.parse(issued.path("bundle").asText());
    assertThat(creds.blade()).isEqualTo("blade-9");
    assertThat(creds.ca()).isEqualTo(TlsDir.of(cluster.dataDir(1)).ca().certificate());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(call("GET", b2.apiUrl() + "/api/cert", null)
        .findValuesAsText("blade")).contains("blade-1", "blade-2", "blade-9"));
    JsonNode revoked = call("POST", b1.apiUrl() + "/api/cert/revoke", "{\"blade\":\"blade-9\"}");
    assertThat(revoked.path("serials").get(0).asText()).isEqualTo(issued.path("serial").asText());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(TlsDir.of(cluster.dataDir(2)).readRevoked()).contains(issued.path("serial").asText()));
    HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(b1.apiUrl() + "/api/cert/revoke"))
        .header("Authorization", "Bearer " + admin)
        .POST(HttpRequest.BodyPublishers.ofString("{\"blade\":\"blade-77\"}")).build());
    assertThat(unknown.statusCode()).isEqualTo(404);
  }
}
