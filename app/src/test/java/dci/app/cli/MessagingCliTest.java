package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import dci.app.cli.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messaging commands against real blades read the API's replies as its records
 * ({@code dci.protocol.messaging}): what they print, their JSON output and their exit codes.
 */
@ExtendWith(CageExtension.class)
class MessagingCliTest {
  private static TestCluster cage;
  private static String admin;
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void logIn(TestCluster shared) {
    cage = shared;
    admin = Http.login(cage.url(1), "admin", cage.adminPassword());
  }

  @BeforeEach
  void asAdmin() {
    env.put("XDG_CONFIG_HOME", home.toString());
    env.put("DCI_URL", cage.url(1));
    env.put("DCI_TOKEN", admin);
  }

  @Test
  void sendPrintsEachReplyAndItsJsonKeepsTheReplyFields() throws Exception {
    Run text = CliRun.dci(env, "send", "--to", "blade-2", "--app", "echo", "--wait", "5s", "cli-hello");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).isEqualTo("blade-2: cli-hello\n");

    Run json = CliRun.dci(env, "-o", "json", "send", "--to", "blade-2", "--app", "echo", "--wait", "5s", "{\"n\":1}");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode r = json.json();
    assertThat(r.fieldNames()).toIterable().containsExactly("id", "targets", "complete", "envelope", "replies");
    assertThat(r.get("replies").get(0).get("payload").get("n").asInt()).isEqualTo(1);
    assertThat(r.get("replies").get(0).get("correlationId").asText()).isEqualTo(r.get("id").asText());
  }

  @Test
  void sendToABladeThatIsNotThereSaysUndeliverableAndFails() {
    Run r = CliRun.dci(env, "send", "--to", "blade-9", "--app", "echo", "--wait", "5s", "lost");
    assertThat(r.code()).isEqualTo(CliError.FAILED);
    assertThat(r.out()).contains("undeliverable: ");
  }

  @Test
  void chatOpensJoinsSaysAndShowsTheHistory() {
    String s = "cli-chat-" + System.nanoTime();
    Run open = CliRun.dci(env, "chat", "open", s, "--members", "blade-1,blade-2");
    assertThat(open.code()).as(open.err()).isZero();
    assertThat(open.out()).isEqualTo("session " + s + " open on [\"blade-1\",\"blade-2\"]\n");
    assertThat(CliRun.dci(env, "chat", "join", s, "--user", "ann").out()).isEqualTo("ann joined " + s + "\n");
    assertThat(CliRun.dci(env, "chat", "send", s, "--user", "ann", "hello all").out())
        .isEqualTo("sent (1 messages in " + s + ")\n");
    Run history = CliRun.dci(env, "chat", "history", s);
    assertThat(history.code()).as(history.err()).isZero();
    assertThat(history.out()).contains("ann:").contains("hello all");
  }

  @Test
  void taskRunPrintsEachStepAndFailsWhenOneFails() throws Exception {
    Path ok = home.resolve("ok.json");
    Files.writeString(ok, "{\"name\":\"cli-task\",\"steps\":[{\"blade\":\"blade-2\",\"app\":\"exec\","
        + "\"payload\":{\"command\":\"echo\",\"args\":[\"from-task\"]}}]}");
    Run r = CliRun.dci(env, "task", "run", ok.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("step 1 on blade-2 (exec): ok\n   from-task\ntask cli-task succeeded\n");

    Path bad = home.resolve("bad.json");
    Files.writeString(bad, "{\"name\":\"cli-bad\",\"steps\":[{\"blade\":\"blade-2\",\"app\":\"exec\","
        + "\"payload\":{\"command\":\"false\"}}]}");
    Run failed = CliRun.dci(env, "task", "run", bad.toString());
    assertThat(failed.code()).isEqualTo(CliError.FAILED);
    assertThat(failed.out()).contains("FAILED: exit code 1").endsWith("task cli-bad failed\n");
  }

  @Test
  void replayByIdSendsTheLoggedEnvelopeAgainElsewhere() throws Exception {
    Run sent = CliRun.dci(env, "-o", "json", "send", "--to", "blade-2", "--app", "echo", "--wait", "5s", "again");
    String id = sent.json().get("id").asText();
    Run r = CliRun.dci(env, "replay", "--id", id, "--to", "blade-3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("replayed " + id + " as ").contains(" to blade-3\n").endsWith("  blade-3: again\n");
  }

  @Test
  void broadcastAsJsonGivesEveryBladesExitCodeAndOutput() throws Exception {
    Run r = CliRun.dci(env, "-o", "json", "broadcast", "--", "echo", "cli-broadcast");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode rows = r.json();
    assertThat(rows).hasSize(3);
    rows.forEach(row -> {
      assertThat(row.get("exitCode").asInt()).isZero();
      assertThat(row.get("stdout").asText()).isEqualTo("cli-broadcast\n");
    });
  }
}
