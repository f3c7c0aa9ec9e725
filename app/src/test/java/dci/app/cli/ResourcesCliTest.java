package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.TestCluster;
import dci.app.cli.CliRun.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * dci resources history, map and advise against real blades (sampling at the default interval,
 * and once as soon as each blade has a reading): each reads the blade's reply into its record and
 * prints a table (with a sparkline for a history) or the same JSON.
 */
@ExtendWith(CageExtension.class)
class ResourcesCliTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void environment(TestCluster cage) {
    env.put("XDG_CONFIG_HOME", home.toString());
    Run login = CliRun.dci(env, "--url", cage.url(1), "login", "--user", "admin", "--password-file",
        cage.adminPasswordFile().toString());
    assertThat(login.code()).as(login.err()).isZero();
    env.put("DCI_URL", cage.url(1));
  }

  private Run dci(String... args) {
    return CliRun.dci(env, args);
  }

  @Test
  void aFreshClustersCpuHistoryHasItsFirstPointsAsJsonAndAsATableWithASparkline() {
    for (String blade : new String[] {"blade-1", "blade-2", "blade-3"}) {
      Run json = await(blade + "'s first sample").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> dci("--output", "json", "resources", "history", "--blade", blade, "--metric", "cpu",
              "--since", "10m"), r -> r.code() == 0 && r.out().contains("\"value\""));
      JsonNode h = parse(json);
      assertThat(h.get("blade").asText()).isEqualTo(blade);
      assertThat(h.get("unit").asText()).isEqualTo("%");
      assertThat(h.get("points").size()).isPositive();
    }
    Run table = dci("resources", "history", "--blade", "blade-2", "--metric", "memory", "--since", "10m");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("blade-2 memory (%) since ").containsPattern("[▁▂▃▄▅▆▇█]+  min ")
        .containsPattern("AT\\s+MEMORY");
    Run bad = dci("resources", "history", "--blade", "blade-2", "--metric", "heat");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("unknown metric 'heat'");
  }

  @Test
  void theMapAndTheAdviceAnswerAsTablesAndJson() throws Exception {
    Run advise = dci("-o", "json", "resources", "advise");
    assertThat(advise.code()).as(advise.err()).isZero();
    assertThat(advise.json().has("suggestions")).isTrue();
    assertThat(advise.json().has("blades")).isTrue();
    Run table = dci("resources", "advise", "--since", "5m");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("BLADE");
    Run map = dci("-o", "json", "resources", "map", "--since", "1h");
    assertThat(map.code()).as(map.err()).isZero();
    assertThat(map.json().has("users")).isTrue();
    assertThat(dci("resources", "map").code()).isZero();
  }

  private static JsonNode parse(Run r) {
    try {
      return r.json();
    } catch (Exception e) {
      throw new AssertionError(r.out(), e);
    }
  }
}
