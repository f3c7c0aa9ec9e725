package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import dci.app.cli.CliRun.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dci log} asks for more than a page by following the blade's cursor page after page,
 * writes a larger XML log and {@code --all} from the blade's streamed export, and keeps its
 * one-request form for a page.
 */
@ExtendWith(CageExtension.class)
class LogCommandTest {
  /** An app no blade runs: each envelope is logged as sent and as undeliverable. */
  private static final String APP = "logtest-cli";
  private static final int SENT = 10;
  private static TestCluster cage;
  private static String admin;
  private static List<Long> logged;
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void logEnvelopes(TestCluster shared) {
    cage = shared;
    admin = Http.login(cage.url(2), "admin", cage.adminPassword());
    for (int i = 0; i < SENT; i++) {
      assertThat(Http.post(cage.url(2) + "/api/envelopes", admin, "{\"appType\":\"" + APP
          + "\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\"blade-2\"]},\"payload\":{\"n\":" + i + "}}").status())
          .isEqualTo(200);
    }
    logged = await().atMost(Duration.ofSeconds(20)).until(() -> {
      List<Long> seqs = new ArrayList<>();
      Http.get(cage.url(2) + "/api/log/export?app=" + APP, admin).json().get("entries")
          .forEach(e -> seqs.add(e.get("seq").asLong()));
      return seqs;
    }, s -> s.size() >= 2 * SENT);
  }

  @BeforeEach
  void environment() {
    env.put("XDG_CONFIG_HOME", home.toString());
    env.put("DCI_URL", cage.url(2));
    env.put("DCI_TOKEN", admin);
  }

  private Run dci(String... args) {
    Run r = CliRun.dci(env, args);
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  private static List<Long> seqs(JsonNode log) {
    List<Long> out = new ArrayList<>();
    log.get("entries").forEach(e -> out.add(e.get("seq").asLong()));
    return out;
  }

  private List<Long> newest(int n) {
    return logged.subList(logged.size() - n, logged.size());
  }

  @Test
  void moreThanAPageIsReadByFollowingTheCursorNewestFirst() throws Exception {
    Run json = dci("log", "--app", APP, "--limit", "15", "--page-size", "4", "-o", "json");
    assertThat(seqs(json.json())).isEqualTo(newest(15));
    assertThat(json.json().get("next").get("before").asLong()).isEqualTo(newest(15).get(0));

    Run table = dci("log", "--app", APP, "--limit", "15", "--page-size", "4");
    assertThat(table.out().lines().skip(1).map(l -> Long.parseLong(l.split("\\s+")[0])).toList())
        .isEqualTo(newest(15));

    Run everything = dci("log", "--app", APP, "--limit", "1000000", "--page-size", "7", "-o", "json");
    assertThat(seqs(everything.json())).isEqualTo(logged);
    assertThat(everything.json().get("next").isNull()).isTrue();
  }

  @Test
  void aPageIsOneRequestAsBefore() throws Exception {
    assertThat(seqs(dci("log", "--app", APP, "--limit", "3", "-o", "json").json())).isEqualTo(newest(3));
    assertThat(dci("log", "--app", APP, "--limit", "3", "--format", "xml").out()).startsWith("<log")
        .contains("nextBefore=\"" + newest(3).get(0) + "\"");
  }

  @Test
  void aLargerXmlLogAndAllOfItComeFromTheStreamedExport() throws Exception {
    String xml = dci("log", "--app", APP, "--limit", "9", "--page-size", "4", "--format", "xml").out();
    assertThat(Pattern.compile("<entry>").matcher(xml).results().count()).isEqualTo(9);
    assertThat(xml).startsWith("<log").endsWith("</log>\n").contains("<seq>" + newest(9).get(0) + "</seq>");

    String all = dci("log", "--app", APP, "--all", "--format", "xml").out();
    assertThat(Pattern.compile("<entry>").matcher(all).results().count()).isEqualTo(logged.size());
    assertThat(seqs(dci("log", "--app", APP, "--all", "--format", "json").json())).isEqualTo(logged);
  }

  @Test
  void sortOrdersTheNewestLinesByAField() throws Exception {
    JsonNode page = dci("log", "--app", APP, "--limit", "6", "--sort", "id", "-o", "json").json();
    List<String> ids = new ArrayList<>();
    page.get("entries").forEach(e -> ids.add(e.get("envelope").get("id").asText()));
    assertThat(ids).hasSize(6).isSorted();
    assertThat(seqs(page)).containsExactlyInAnyOrderElementsOf(newest(6));

    // more than a page: one sorted answer from the export, not pages sorted one by one
    JsonNode more = dci("log", "--app", APP, "--limit", "9", "--page-size", "4", "--sort", "id", "-o", "json").json();
    List<String> moreIds = new ArrayList<>();
    more.get("entries").forEach(e -> moreIds.add(e.get("envelope").get("id").asText()));
    assertThat(moreIds).hasSize(9).isSorted();
    assertThat(seqs(more)).containsExactlyInAnyOrderElementsOf(newest(9));

    Run table = dci("log", "--app", APP, "--limit", "4", "--sort", "time");
    assertThat(table.out().lines().skip(1).map(l -> Long.parseLong(l.split("\\s+")[0])).toList())
        .isEqualTo(newest(4));
    assertThat(CliRun.dci(env, "log", "--all", "--sort", "app", "--format", "json").code()).isEqualTo(2);
    assertThat(CliRun.dci(env, "log", "--sort", "size").code()).as("refused by the blade").isNotZero();
  }

  @Test
  void badPagingOptionsAreUsageErrors() {
    assertThat(CliRun.dci(env, "log", "--all").code()).as("--all as a table").isEqualTo(2);
    assertThat(CliRun.dci(env, "log", "--page-size", "1001").code()).isEqualTo(2);
    assertThat(CliRun.dci(env, "log", "--limit", "0").code()).isEqualTo(2);
  }
}
