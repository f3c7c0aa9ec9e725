package dci.app.install;

import dci.storage.vnas.Vnas;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the installation tests add to a {@link TestCluster}: their settings (one trusted
 * publisher key; small 64 KiB stripes spread even a small package over several blades; no
 * fail-over, no backup ticks), package uploads, install jobs run to their end and each blade's
 * inventory, all through the API as the admin.
 */
final class InstallJobs {
  private final TestCluster cluster;

  InstallJobs(TestCluster cluster) {
    this.cluster = cluster;
  }

  /** {@code count} blades trusting the publisher key {@code trustedKey}. */
  static TestCluster.Builder blades(int count, String trustedKey) {
    return TestCluster.blades(count).config("""
        dci.vnas.stripe-size = 64KiB
        dci.vnas.keeper-interval = 1h
        dci.vnas.hot-reads = 0
        dci.vnas.publish-interval = 500ms
        dci.backup.tick = 1h
        dci.failover.enabled = off
        dci.packages.install-timeout = 60s
        dci.packages.max-package-size = 4MiB
        dci.packages.trusted-keys = ["%s"]
        """.formatted(trustedKey));
  }

  /** Waits until every blade knows every blade's API and every blade knows every stripe store. */
  void awaitReady() {
    cluster.awaitApis();
    await("every blade knows every stripe store").atMost(TestCluster.UP_WITHIN).pollInterval(Duration.ofMillis(100))
        .until(() -> java.util.stream.IntStream.rangeClosed(1, cluster.size()).allMatch(k ->
            cluster.blade(k).service(Vnas.class).volume().index().stores().toCompletableFuture().join().size() >= cluster.size()));
  }

  /** {@code DATA/packages} of blade {@code k}. */
  Path packages(int k) {
    return cluster.dataDir(k).resolve("packages");
  }

  /** POSTs a package file as the body to blade {@code k}. */
  Http.Reply upload(int k, Path file, String asToken) {
    try {
      return Http.send(cluster.client(), HttpRequest.newBuilder(URI.create(cluster.url(k) + "/api/packages"))
          .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + asToken)
          .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a job ({@code op}: install, uninstall or follow) through blade 1 and waits for its end. */
  JsonNode job(String op, String body) {
    Http.Reply started = cluster.post(1, "/api/" + op, body);
    if (started.status() != 202) {
      throw new AssertionError(op + " answered " + started.status() + ": " + started.text());
    }
    String id = started.json().get("job").asText();
    return await(op + " job " + id + " done").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.get(1, "/api/install/jobs/" + id).json(), view -> view.get("done").asBoolean());
  }

  /** The row of blade {@code name} in a job view. */
  static JsonNode row(JsonNode job, String name) {
    for (JsonNode r : job.get("blades")) {
      if (r.get("blade").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + name + " in " + job);
  }

  /** Blade {@code k}'s inventory as its install peerlet tells it. */
  JsonNode inventory(int k) {
    Http.Reply r = cluster.get(1, "/api/packages/installed?blade=blade-" + k);
    if (r.status() != 200) {
      throw new AssertionError("inventory of blade-" + k + ": " + r.status() + " " + r.text());
    }
    return r.json();
  }

  /** The version of {@code name} installed on blade {@code k}, or null. */
  String installed(int k, String name) {
    for (JsonNode p : inventory(k).get("packages")) {
      if (p.get("name").asText().equals(name)) {
        return p.get("version").asText();
      }
    }
    return null;
  }
}
