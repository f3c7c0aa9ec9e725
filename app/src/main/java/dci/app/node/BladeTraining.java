package dci.app.node;

import dci.app.Main;
import dci.app.cli.DciCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;

/**
 * The run {@code bin/dci} records the blade's class-data archive from (AppCDS,
 * {@code -XX:ArchiveClassesAtExit}), once after each build: one blade of its own cluster in a
 * temporary directory on loopback ports, started as {@code dci node} starts one, then asked what
 * a new user asks first (log in, the blades, a WebDAV write and read, a backup run), then left
 * and ended normally, which is when the JVM writes the archive. A blade started with the
 * archive maps those classes instead of loading, verifying and linking them one by one (a
 * node was Up 8.7 s after launch without it, 4.4 s with it, bench/startup.sh of 2026-12-07).
 * Nothing here touches a real cluster.
 */
public final class BladeTraining {
  private static final Duration UP_WITHIN = Duration.ofSeconds(90);

  private BladeTraining() {}

  public static void main(String[] args) throws Exception {
    Main.quietPicocli();
    Main.commonPool();
    Path dir = Files.createTempDirectory("dci-blade-training");
    int code = 1;
    try {
      code = train(dir);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    // a normal exit: the node's shutdown hook leaves, then the JVM writes the archive
    System.exit(code);
  }

  private static int train(Path dir) throws Exception {
    int artery = freePort();
    int http = freePort();
    Path data = dir.resolve("data");
    String[] argv = {"node", "--name", "training", "--port", Integer.toString(artery), "--http-port",
        Integer.toString(http), "--data", data.toString()};
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString());
    PrintWriter sink = new PrintWriter(new StringWriter());
    Thread node = new Thread(() -> DciCommand.commandLine(env, sink, sink, argv).execute(argv), "training-node");
    node.setDaemon(true);
    node.start();
    String base = "http://127.0.0.1:" + http;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + UP_WITHIN.toNanos();
    while (!call(client, "GET", base + "/api/health", null, null).contains("\"Up\"")) {
      if (System.nanoTime() > deadline || !node.isAlive()) {
        return 1;
      }
      Thread.sleep(200);
    }
    String password = Files.readString(data.resolve("admin.password")).trim();
    String login = call(client, "POST", base + "/api/login", null,
        "{\"user\":\"admin\",\"password\":\"" + password + "\"}");
    String token = login.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    String bearer = "Bearer " + token;
    call(client, "GET", base + "/api/blades", bearer, null);
    call(client, "GET", base + "/api/log?format=json&limit=5", bearer, null);
    String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    call(client, "PUT", base + "/vnas/training.txt", basic, "the blade's first write");
    call(client, "GET", base + "/vnas/training.txt", basic, null);
    call(client, "POST", base + "/api/backup/run", bearer, "{\"blade\":\"training\"}");
    return 0;
  }

  /** One call; its body, or "" when it failed (a training call's failure changes nothing). */
  private static String call(HttpClient client, String method, String url, String auth, String body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (auth != null) {
        b.header("Authorization", auth);
      }
      if (body != null && body.startsWith("{")) {
        b.header("Content-Type", "application/json");
      }
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
