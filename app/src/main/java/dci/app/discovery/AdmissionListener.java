package dci.app.discovery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dci.actors.BladeSettings;
import dci.protocol.Json;
import dci.protocol.discovery.Admission;
import dci.protocol.discovery.AdmissionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admission listener of a node waiting to be admitted ({@code dci node --await-admission}):
 * HTTPS (a self-signed certificate over the node's own key) on the node's cluster port, not yet
 * used. {@code GET /dci/admission} says who it is ({@link AdmissionInfo}); {@code POST
 * /dci/admission} takes an {@link Admission} once, checked by {@link AdmissionCheck}. One request
 * at a time; a wrong code costs the caller a second. It closes once admitted.
 */
final class AdmissionListener implements AutoCloseable {
  static final String PATH = "/dci/admission";
  private static final int MAX_BODY = 64 * 1024;

  private final HttpsServer server;
  private final ExecutorService one = Executors.newSingleThreadExecutor(r -> new Thread(r, "dci-admission"));
  private final AdmissionCheck check;
  private final AdmissionInfo info;
  private final CompletableFuture<List<String>> admitted = new CompletableFuture<>();

  AdmissionListener(BladeSettings s, CandidateKey key, String code) throws IOException {
    this.check = new AdmissionCheck(s, key, code);
    this.info = new AdmissionInfo(AdmissionInfo.AWAITING, s.name(), s.host(), s.port(), s.httpHost(), s.httpPort(),
        key.publicKeyPem(), key.fingerprint(), code != null);
    // a request must come whole within 10 s and its answer go within 10 s: a slow caller cannot
    // hold the one thread (read by the JDK's server when first used; nothing else here serves with it)
    System.setProperty("sun.net.httpserver.maxReqTime", "10");
    System.setProperty("sun.net.httpserver.maxRspTime", "10");
    server = HttpsServer.create(new InetSocketAddress(s.host(), s.port()), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(key.serverContext()));
    server.setExecutor(one);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** Completes with the seeds to join once an admission was taken (and the credentials written). */
  CompletableFuture<List<String>> admitted() {
    return admitted;
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!x.getRequestURI().getPath().equals(PATH)) {
        reply(x, 404, Map.of("status", 404, "error", "not found"));
      } else if (x.getRequestMethod().equals("GET")) {
        reply(x, admitted.isDone() ? 409 : 200, admitted.isDone()
            ? Map.of("status", 409, "error", "already admitted") : info);
      } else if (x.getRequestMethod().equals("POST")) {
        post(x);
      } else {
        reply(x, 405, Map.of("status", 405, "error", "GET or POST only"));
      }
    }
  }

  private void post(HttpExchange x) throws IOException {
    if (admitted.isDone()) {
      reply(x, 409, Map.of("status", 409, "error", "already admitted"));
      return;
    }
    byte[] body = readCapped(x.getRequestBody());
    if (body == null) {
      reply(x, 413, Map.of("status", 413, "error", "the body is over " + MAX_BODY + " bytes"));
      return;
    }
    Admission a;
    try {
      a = Json.parse(new String(body, StandardCharsets.UTF_8), Admission.class);
    } catch (IllegalArgumentException e) {
      reply(x, 400, Map.of("status", 400, "error", "not an admission: " + e.getMessage()));
      return;
    }
    AdmissionCheck.Verdict v = check.accept(a);
    if (!v.ok()) {
      if (v.status() == 403) {
        pause(); // a wrong code: guessing is slow
      }
      reply(x, v.status(), Map.of("status", v.status(), "error", v.reason()));
      return;
    }
    reply(x, 200, Map.of("blade", info.name(), "joining", a.seeds()));
    admitted.complete(a.seeds());
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    byte[] all = in.readNBytes(MAX_BODY + 1);
    return all.length > MAX_BODY ? null : all;
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange x, int status, Object body) throws IOException {
    byte[] bytes = Json.bytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops listening (the cluster port is the blade's from now on). */
  @Override
  public void close() {
    server.stop(0);
    one.shutdownNow();
  }
}
