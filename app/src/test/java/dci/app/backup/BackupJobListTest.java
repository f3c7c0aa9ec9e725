package dci.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/backup/jobs?blade=B}: a blade's recent backup jobs, newest first, as any
 * role sees them, through that blade's API or another's.
 */
class BackupJobListTest {
  static TestCluster cluster;
  static BackupJobs jobs;

  @BeforeAll
  static void start() {
    cluster = BackupJobs.blades(2).start();
    cluster.awaitApis();
    jobs = new BackupJobs(cluster);
    cluster.call(1, "POST", "/api/users", Map.of("user", "vic", "password", "vic-pass-12", "role", "viewer"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static List<String> field(JsonNode list, String name) {
    List<String> out = new ArrayList<>();
    list.forEach(j -> out.add(j.get(name).asText()));
    return out;
  }

  @Test
  void aBladesRunAndRestoreAreListedNewestFirstForAViewerThroughAnyBlade() throws Exception {
    Path root = cluster.dir().resolve("joblist-src");
    Files.createDirectories(root);
    Files.writeString(root.resolve("a.txt"), "alpha");
    jobs.configure("blade-1", Map.of("root", root.toString(), "replicas", 1));
    String archive = jobs.run("blade-1");
    jobs.restore("blade-1", archive, cluster.dir().resolve("joblist-out"), null);

    String viewer = cluster.login(1, "vic", "vic-pass-12");
    for (int k = 1; k <= 2; k++) {
      Http.Reply r = cluster.get(k, "/api/backup/jobs?blade=blade-1", viewer);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(field(r.json(), "kind")).as("newest first, through blade-%d", k).containsExactly("restore", "run");
      assertThat(field(r.json(), "state")).containsOnly("done");
      assertThat(field(r.json(), "blade")).containsOnly("blade-1");
      JsonNode run = r.json().get(1);
      assertThat(run.get("filesDone").asLong()).isEqualTo(run.get("filesTotal").asLong()).isEqualTo(1);
      assertThat(run.get("result").asText()).contains(archive);
    }
    assertThat(field(cluster.call(1, "GET", "/api/backup/jobs?blade=blade-2", null), "id")).isEmpty();
  }

  @Test
  void aBadBladeNameIsRefusedAndNoTokenIsUnauthorized() {
    assertThat(cluster.get(1, "/api/backup/jobs?blade=..%2Fx").status()).isEqualTo(400);
    assertThat(cluster.get(1, "/api/backup/jobs?blade=blade-1", null).status()).isEqualTo(401);
  }
}
