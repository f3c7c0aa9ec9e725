package dci.actors.tls;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.BladeSettings;
import dci.actors.tls.Hosts;
import dci.actors.tls.JoinBundle;
import dci.actors.tls.Pem;
import dci.actors.tls.TrustOnly;
import dci.actors.tls.TlsBootstrap;
import dci.actors.tls.TlsDir;
import dci.protocol.Json;
import dci.hardware.SecretFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Same-machine enrolment: a cluster that {@code dci node} forms on a loopback address offers its
 * OS user a join secret in {@code ${XDG_CONFIG_HOME:-~/.config}/dci/enrol/HOST_PORT.json} (mode
 * 600), so further {@code dci node --seed HOST:PORT} on this machine, run by the same user,
 * fetch their join bundle themselves. Nothing else is offered: off loopback, from a cage, or
 * with {@code dci.tls.local-enrolment = off} a blade needs a bundle from {@code dci cert issue}.
 * The secret is good from loopback addresses only (see CertRoutes).
 */
public final class LocalEnrolment {
  private static final String SECRET_FILE = "enrol-secret";
  /** How long a joining blade waits for a seed on this machine to offer enrolment and answer. */
  private static final Duration OFFER_WAIT = Duration.ofSeconds(20);

  private LocalEnrolment() {}

  static Path dir(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("dci").resolve("enrol");
  }

  static Path offerFile(Map<String, String> env, String host, int port) {
    return dir(env).resolve(host.replace(':', '_') + "_" + port + ".json");
  }

  /** On a blade forming a cluster on loopback: makes the secret and offers it to this OS user. */
  public static void offer(BladeSettings s, String apiUrl, Map<String, String> env) {
    if (!s.formsCluster() || !Hosts.isLoopback(s.host())) {
      return;
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try {
      Path tls = TlsDir.of(s.dataDir()).path();
      Files.createDirectories(tls);
      SecretFile.write(tls.resolve(SECRET_FILE), secret);
      Path d = dir(env);
      if (!Files.isDirectory(d)) {
        Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      String ca = Files.readString(TlsDir.of(s.dataDir()).caCert());
      SecretFile.write(offerFile(env, s.host(), s.port()), new String(Json.bytes(Map.of(
          "api", apiUrl, "blade", s.name(), "secret", secret, "ca", ca)), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot offer same-machine enrolment: " + e.getMessage(), e);
    }
  }

  /** True when {@code secret} is the one this blade offered (compared in constant time). */
  public static boolean accepts(Path dataDir, String secret) {
    Path f = TlsDir.of(dataDir).path().resolve(SECRET_FILE);
    if (secret == null || !Files.isRegularFile(f)) {
      return false;
    }
    try {
      return MessageDigest.isEqual(SecretFile.read(f).getBytes(StandardCharsets.UTF_8),
          secret.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * On a blade joining through loopback seeds with no certificate yet: fetches its join bundle
   * with the offer of a seed, if this user has one (waiting a little for a seed started just
   * before this blade to make its offer and answer). Says what it did on {@code out}.
   */
  public static void joinIfOffered(BladeSettings s, Map<String, String> env, PrintWriter out) {
    if (TlsDir.of(s.dataDir()).hasCredentials()) {
      return;
    }
    List<BladeSettings.HostPort> local = s.seeds().stream().map(BladeSettings::parseSeed)
        .filter(hp -> Hosts.isLoopback(hp.host())).toList();
    if (local.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + OFFER_WAIT.toNanos();
    RuntimeException last = null;
    do {
      for (BladeSettings.HostPort hp : local) {
        Path offer = offerFile(env, hp.host(), hp.port());
        if (!Files.isRegularFile(offer)) {
          continue;
        }
        try {
          fetch(s, offer);
          out.printf("%s enrolled through the same-machine offer of %s:%d (%s)%n", s.name(), hp.host(), hp.port(), offer);
          out.flush();
          return;
        } catch (java.net.ConnectException e) {
          last = new IllegalStateException("the seed's API does not answer yet: " + e.getMessage(), e);
        } catch (IOException e) {
          throw new IllegalStateException("same-machine enrolment through " + hp.host() + ":" + hp.port()
              + " failed: " + e.getMessage(), e);
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    } while (System.nanoTime() < deadline);
    if (last != null) {
      throw last;
    }
  }

  private static void fetch(BladeSettings s, Path offer) throws IOException {
    JsonNode o = Json.mapper().readTree(Files.readString(offer));
    HttpRequest req = HttpRequest.newBuilder(URI.create(o.path("api").asText() + "/api/cert/enrol"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of("blade", s.name(),
            "hosts", TlsBootstrap.hostsOf(s), "secret", o.path("secret").asText())))).build();
    HttpResponse<String> rsp;
    try {
      rsp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .sslContext(TrustOnly.context(Pem.certificates(o.path("ca").asText()))).build()
          .send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (rsp.statusCode() != 200) {
      throw new IOException("the seed refused it (" + rsp.statusCode() + "): " + rsp.body());
    }
    TlsBootstrap.install(s, JoinBundle.parse(Json.mapper().readTree(rsp.body()).path("bundle").asText()));
  }
}
