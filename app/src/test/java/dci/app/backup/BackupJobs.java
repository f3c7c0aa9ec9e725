package dci.app.backup;

import dci.storage.backup.Backup;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.TestCluster;
import dci.app.node.BladeNode;
import dci.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the backup tests add to a {@link TestCluster}: their settings (fast ticks, a short mirror
 * lag, no grace before garbage collection, keepers out of the way), and backup configuration and
 * jobs (run, restore, check) through blade 1's API as the admin, each job waited for to its end.
 */
public final class BackupJobs {
  public static final String SETTINGS = """
      dci.backup.tick = 200ms
      dci.backup.sync-interval = 1s
      dci.backup.mirror-lag = 300ms
      dci.backup.gc-grace = 0s
      dci.vnas.keeper-interval = 1h
      """;
  private final TestCluster cluster;

  public BackupJobs(TestCluster cluster) {
    this.cluster = cluster;
  }

  /** {@code count} blades with the backup test settings. */
  public static TestCluster.Builder blades(int count) {
    return TestCluster.blades(count).config(SETTINGS);
  }

  /** Sets blade {@code blade}'s backup settings and waits until every live blade has them. */
  public void configure(String blade, Map<String, Object> settings) {
    Map<String, Object> body = new HashMap<>(settings);
    body.put("blade", blade);
    cluster.call(1, "PUT", "/api/backup/config", body);
    await("every live blade has " + blade + "'s backup settings").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> IntStream.rangeClosed(1, cluster.size()).filter(cluster::alive).mapToObj(cluster::blade)
            .map(n -> n.service(Backup.class)).allMatch(b -> b.configs().all().toCompletableFuture().join().containsKey(blade)));
  }

  /** Starts a job through blade 1's API and waits for its end; returns the finished job. */
  public JsonNode job(String path, Object body) {
    JsonNode job = cluster.call(1, "POST", path, body);
    String view = "/api/backup/jobs/" + job.get("id").asText() + "?blade=" + job.get("blade").asText();
    return await(path + " job finished").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.call(1, "GET", view, null), j -> !"running".equals(j.get("state").asText()));
  }

  /** The finished job's result; fails the test if the job failed. */
  public JsonNode result(String path, Object body) {
    JsonNode job = job(path, body);
    if (!"done".equals(job.get("state").asText())) {
      throw new AssertionError(path + " " + job.get("state").asText() + ": " + job.get("error").asText());
    }
    try {
      return Json.mapper().readTree(job.get("result").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Backs blade {@code blade} up now; the new archive's id. */
  public String run(String blade) {
    return result("/api/backup/run", Map.of("blade", blade)).get("archive").get("id").asText();
  }

  public JsonNode archives(String blade) {
    return cluster.call(1, "GET", "/api/backup/archives?blade=" + blade, null);
  }

  public JsonNode restore(String blade, String upto, Path target, List<String> files) {
    return result("/api/backup/restore", files == null
        ? Map.of("blade", blade, "upto", upto, "target", target.toString())
        : Map.of("blade", blade, "upto", upto, "target", target.toString(), "files", files));
  }
}
