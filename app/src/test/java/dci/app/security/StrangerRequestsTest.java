package dci.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.auth.UserRegistry;
import dci.app.Http;
import dci.app.TestCluster;
import dci.app.node.BladeNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No work for strangers, and a user's word counts only while it holds: on a blade of its own (its
 * login throttle is not the shared cage's).
 */
class StrangerRequestsTest {
  static TestCluster cluster;
  static BladeNode blade;
  static String url;
  static String admin;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(1)
        .config("dci.auth.login-throttle { free-failures = 3, base-delay = 100ms, max-delay = 800ms }").start();
    blade = cluster.blade(1);
    url = cluster.url(1);
    admin = cluster.token();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /**
   * Sends a request declaring a 64 MiB body, writing the body from another thread, and answers
   * the status line once it arrives (the server answers before it has the body) and how long it took.
   */
  private static String[] strangerUpload(String method, String path) throws Exception {
    URI u = URI.create(url);
    try (java.net.Socket socket = new java.net.Socket(u.getHost(), u.getPort())) {
      socket.setSoTimeout(10_000);
      long size = 64L << 20;
      var out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: " + u.getHost() + "\r\nContent-Type: application/xml\r\n"
          + "Content-Length: " + size + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      long t0 = System.nanoTime();
      Thread writer = new Thread(() -> {
        byte[] zeros = new byte[64 * 1024];
        try {
          for (long sent = 0; sent < size; sent += zeros.length) {
            out.write(zeros);
          }
        } catch (java.io.IOException closed) {
          // the server closed the connection without taking the body: as it should
        }
      });
      writer.setDaemon(true);
      writer.start();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII));
      String status = in.readLine();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new String[] {status, Long.toString(ms)};
    }
  }

  @Test
  void anAnonymous64MiBBodyIsAnswered401AtOnceWithoutBeingRead() throws Exception {
    for (String[] call : new String[][] {{"POST", "/api/replay"}, {"POST", "/api/envelopes"}, {"POST", "/api/tasks"},
        {"POST", "/api/users"}, {"POST", "/api/backup/restore"}, {"POST", "/api/install"}, {"PUT", "/vnas/big.bin"}}) {
      String[] answer = strangerUpload(call[0], call[1]);
      assertThat(answer[0]).as(call[1]).startsWith("HTTP/1.1 401");
      assertThat(Long.parseLong(answer[1])).as(call[1] + " answered after (ms)").isLessThan(3000);
    }
  }

  @Test
  void failedLoginsSlowTheNextOneWhateverXForwardedForClaims() throws Exception {
    for (int i = 1; i <= 8; i++) {
      HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/login")).header("X-Forwarded-For", "10.9." + i + "." + i)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"mallory\",\"password\":\"wrong\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    long t0 = System.nanoTime();
    HttpResponse<String> rsp = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/login"))
        .header("X-Forwarded-For", "10.99.99.99").header("X-Real-IP", "10.98.98.98")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"mallory\",\"password\":\"wrong\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(rsp.statusCode()).isIn(401, 429);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void aBladesServiceTokenOpensOnlyTheInternalRoutes() {
    UserRegistry.ServiceToken service = AskPattern.<UserRegistry.Command, UserRegistry.ServiceToken>ask(
        blade.parts().users(), UserRegistry.IssueServiceToken::new, Duration.ofSeconds(5), blade.system().scheduler())
        .toCompletableFuture().join();
    assertThat(Http.get(url + "/api/blades", service.token()).status()).isEqualTo(401);
    assertThat(Http.get(url + "/api/users", service.token()).status()).isEqualTo(401);
    assertThat(Http.post(url + "/api/desk/u1/exec", service.token(), "{\"argv\":[\"id\"]}").status()).isEqualTo(401);
    assertThat(Http.get(url + "/vnas/", service.token()).status()).isEqualTo(401);
    assertThat(Http.get(url + "/internal/backup/stats", service.token()).status()).isEqualTo(200);
  }

  @Test
  void changingOnesOwnPasswordNeedsTheCurrentOne() {
    assertThat(Http.post(url + "/api/users", admin,
        "{\"user\":\"pat\",\"password\":\"pat-secret-1\",\"role\":\"operator\"}").status()).isEqualTo(201);
    String pat = Http.login(url, "pat", "pat-secret-1");
    assertThat(Http.put(url + "/api/users/pat/password", pat, "{\"password\":\"pat-secret-2\"}").status())
        .isEqualTo(400);
    assertThat(Http.put(url + "/api/users/pat/password", pat,
        "{\"password\":\"pat-secret-2\",\"current\":\"guess\"}").status()).isEqualTo(403);
    assertThat(Http.put(url + "/api/users/pat/password", pat,
        "{\"password\":\"pat-secret-2\",\"current\":\"pat-secret-1\"}").status()).isEqualTo(200);
    assertThat(Http.login(url, "pat", "pat-secret-2")).isNotBlank();
    assertThat(Http.put(url + "/api/users/pat/password", admin, "{\"password\":\"pat-secret-3\"}").status())
        .as("an admin sets another's without it").isEqualTo(200);
  }

  @Test
  void aDeskSessionClosesSoonAfterItsUserLogsOut() throws Exception {
    assertThat(Http.post(url + "/api/users", admin,
        "{\"user\":\"dora\",\"password\":\"dora-secret\",\"role\":\"operator\"}").status()).isEqualTo(201);
    assertThat(Http.put(url + "/api/ports/dora", admin, "{\"blade\":\"blade-1\"}").status()).isEqualTo(200);
    String dora = Http.login(url, "dora", "dora-secret");
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + dora)
        .buildAsync(URI.create(url.replaceFirst("^http", "ws") + "/desk/dora"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            w.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
            closed.complete(status);
            return null;
          }

          @Override
          public void onError(WebSocket w, Throwable error) {
            closed.complete(-1);
          }
        }).orTimeout(20, TimeUnit.SECONDS).join();
    ws.sendText("echo hello\n", true).join();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !closed.isDone());
    long t0 = System.nanoTime();
    assertThat(Http.post(url + "/api/logout", dora, "{}").status()).isEqualTo(200);
    closed.get(5, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void theBladesDataIsItsOwnAlone() throws Exception {
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(cluster.dataDir(1)))).isEqualTo("rwx------");
    JsonNode certs = Http.get(url + "/api/cert", admin).json();
    assertThat(certs).hasSize(1);
    assertThat(certs.get(0).path("caHolder").asBoolean()).isTrue();
  }
}
