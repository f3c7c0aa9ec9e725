package dci.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The seed's composed task (fetch on B, combine on A, store on C), and replay of logged envelopes. */
@ExtendWith(CageExtension.class)
class TaskAndReplayTest {
  private static TestCage cage;
  private static String token;
  @TempDir Path dir;

  @BeforeAll
  static void logIn(TestCage shared) {
    cage = shared;
    token = Http.login(cage.url(1), "admin", cage.adminPassword());
  }

  private static HttpResponse<String> postXml(String path, String xml) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cage.url(1) + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void threeStepTaskAcrossThreeBladesFeedsEachStepTheOutputOfTheLast() throws Exception {
    // exec runs in the exec home of the blade (DATA/exec): the step stores its file there
    Path stored = cage.blade(3).settings().dataDir().resolve("exec/stored.txt");
    String task = "<task name=\"fetch-combine-store\">"
        + "<step><blade>blade-2</blade><app>exec</app><payload><command>sh</command>"
        + "<args>-c</args><args>printf 'alpha beta'</args></payload></step>"
        + "<step><blade>blade-1</blade><app>exec</app><payload><command>tr</command><args>a-z</args><args>A-Z</args>"
        + "<stdin>${previous.stdout} gamma</stdin></payload></step>"
        + "<step><blade>blade-3</blade><app>exec</app><payload><command>sh</command><args>-c</args>"
        + "<args>cat &gt; \"$OUT\"; wc -c &lt; \"$OUT\"</args><stdin>${steps.2.stdout}</stdin>"
        + "<env><OUT>stored.txt</OUT></env></payload></step>"
        + "</task>";
    HttpResponse<String> r = postXml("/api/tasks", task);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode result = dci.protocol.Json.mapper().readTree(r.body());
    assertThat(result.get("ok").asBoolean()).as(r.body()).isTrue();
    assertThat(result.get("steps")).extracting(s -> s.get("blade").asText())
        .containsExactly("blade-2", "blade-1", "blade-3");
    assertThat(Files.readString(stored)).isEqualTo("ALPHA BETA GAMMA");
    assertThat(result.get("steps").get(2).get("reply").get("stdout").asText().strip()).isEqualTo("16");
  }

  @Test
  void aFailingStepStopsTheTaskAndNamesTheFailure() throws Exception {
    HttpResponse<String> r = postXml("/api/tasks", "<task name=\"f\">"
        + "<step><blade>blade-2</blade><app>exec</app><payload><command>false</command></payload></step>"
        + "<step><blade>blade-3</blade><app>echo</app><payload>never</payload></step></task>");
    JsonNode result = dci.protocol.Json.mapper().readTree(r.body());
    assertThat(result.get("ok").asBoolean()).isFalse();
    assertThat(result.get("steps")).hasSize(1);
    assertThat(result.get("steps").get(0).get("error").asText()).contains("exit code 1");
    assertThat(postXml("/api/tasks", "<task name=\"empty\"></task>").statusCode()).isEqualTo(400);
  }

  @Test
  void replayOnAnotherBladeGivesTheSameOutputAndIsMarkedReplayOf() throws Exception {
    Http.Reply sent = Http.post(cage.url(1) + "/api/envelopes?wait=5s", token,
        "{\"appType\":\"exec\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\"blade-2\"]},"
            + "\"payload\":{\"command\":\"sh\",\"args\":[\"-c\",\"echo $((6*7))\"]}}");
    String id = sent.json().get("id").asText();
    String original = sent.json().get("replies").get(0).get("payload").get("stdout").asText();
    Http.Reply replay = Http.post(cage.url(1) + "/api/replay", token, "{\"ids\":[\"" + id + "\"],\"to\":\"blade-3\"}");
    assertThat(replay.status()).as(replay.text()).isEqualTo(200);
    JsonNode run = replay.json().get("replayed").get(0);
    assertThat(run.get("replayOf").asText()).isEqualTo(id);
    assertThat(run.get("envelope").get("replayOf").asText()).isEqualTo(id);
    JsonNode reply = run.get("replies").get(0);
    assertThat(reply.get("sender").get("blade").asText()).isEqualTo("blade-3");
    assertThat(reply.get("payload").get("stdout").asText()).isEqualTo(original).isEqualTo("42\n");

    Http.Reply logged = Http.get(cage.url(1) + "/api/log?id=" + id, token);
    assertThat(logged.json().get("entries").findValuesAsText("direction")).contains("SENT", "RECEIVED");
    assertThat(Http.post(cage.url(1) + "/api/replay", token,
        "{\"ids\":[\"00000000-0000-0000-0000-000000000000\"]}").status()).isEqualTo(404);
  }

  @Test
  void anExportedXmlLogCanBeReplayed() throws Exception {
    Http.post(cage.url(2) + "/api/envelopes?wait=5s", token,
        "{\"appType\":\"echo\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\"blade-1\"]},\"payload\":\"from-export\"}");
    HttpResponse<String> xml = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(cage.url(2) + "/api/log?app=echo&format=xml&limit=1"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(xml.body()).startsWith("<log").contains("from-export");
    HttpResponse<String> replayed = postXml("/api/replay?to=blade-3", xml.body());
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(replayed.body()).contains("from-export").contains("blade-3");
  }
}
