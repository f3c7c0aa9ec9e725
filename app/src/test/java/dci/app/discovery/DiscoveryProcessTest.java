package dci.app.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.node.NodeProcesses;
import dci.protocol.discovery.Admission;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fig. 10 with real processes on loopback: a cluster's blade on 127.0.0.1 and a {@code dci node
 * --await-admission} on 127.0.0.2 (the same cluster port number: each binds its own address).
 * A discovery of 127.0.0.0/29 finds the blade and the candidate; an admission with a wrong code is
 * refused, one with the code brings the node Up, and its admission listener is gone after.
 */
class DiscoveryProcessTest {
  private static final String CODE = "open-sesame-42";

  @TempDir Path dir;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void discoversTheBladeAndAWaitingNodeThenAdmitsIt() throws Exception {
    try (NodeProcesses p = new NodeProcesses(dir)) {
      NodeProcesses.Node blade1 = p.startAndAwait("blade-1", 90);
      p.token();
      NodeProcesses.Node waiting = p.startAlone("blade-9", "127.0.0.2", blade1.port(), "--await-admission",
          "--admission-code", CODE);
      p.await("blade-9 to await admission", 60, () -> log(waiting).contains("awaiting admission"));
      assertThat(Files.exists(waiting.data().resolve("tls/candidate.key"))).isTrue();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(waiting.data().resolve("tls/candidate.key")))).isEqualTo("rw-------");

      JsonNode found = p.ok("blade-1", "POST", "/api/discover", Map.of("range", "127.0.0.0/29", "port", blade1.port()));
      assertThat(found.get("probed").asInt()).isEqualTo(8);
      assertThat(found.get("open").asInt()).isEqualTo(2);
      JsonNode blade = byAddress(found, "127.0.0.1");
      assertThat(blade.get("kind").asText()).isEqualTo("blade");
      assertThat(blade.get("blade").asText()).isEqualTo("blade-1");
      JsonNode candidate = byAddress(found, "127.0.0.2");
      assertThat(candidate.get("kind").asText()).isEqualTo("candidate");
      assertThat(candidate.get("name").asText()).isEqualTo("blade-9");
      assertThat(candidate.get("codeRequired").asBoolean()).isTrue();
      String fingerprint = candidate.get("fingerprint").asText();
      assertThat(log(waiting)).contains(fingerprint);

      assertThat(NodeProcesses.status(p.call("blade-1", "POST", "/api/discover", Map.of("range", "10.0.0.0/8"))))
          .isEqualTo(400);
      assertThat(NodeProcesses.status(p.call("blade-1", "POST", "/api/discover", Map.of("range", "127.0.0.300/30"))))
          .isEqualTo(400);

      Map<String, String> env = Map.of("DCI_URL", blade1.url(), "DCI_TOKEN", p.token(),
          "XDG_CONFIG_HOME", dir.resolve("cli").toString());
      String port = Integer.toString(blade1.port());
      Cli table = cli(env, "discover", "--range", "127.0.0.0/29", "--port", port);
      assertThat(table.code()).as(table.err()).isZero();
      assertThat(table.out()).contains("ADDRESS").contains("blade-1").contains("candidate").contains("blade-9")
          .contains(fingerprint).contains("8 probed, 2 with port " + port + " open");

      Cli wrong = cli(env, "admit", "127.0.0.2", "--port", port, "--code", "not-the-code");
      assertThat(wrong.code()).isEqualTo(1);
      assertThat(wrong.err()).contains("wrong admission code");
      HttpResponse<String> pinned = p.call("blade-1", "POST", "/api/admit",
          Map.of("host", "127.0.0.2", "port", blade1.port(), "code", CODE, "fingerprint", "AA:BB"));
      assertThat(pinned.statusCode()).isEqualTo(409);

      Cli admit = cli(env, "admit", "127.0.0.2", "--port", port, "--code", CODE, "--fingerprint", fingerprint,
          "--name", "blade-9", "-o", "json");
      assertThat(admit.code()).as(admit.err() + "\n" + p.tails()).isZero();
      JsonNode admitted = NodeProcesses.JSON.readTree(admit.out());
      assertThat(admitted.get("blade").asText()).isEqualTo("blade-9");
      assertThat(admitted.get("status").asText()).isEqualTo("Up");

      p.awaitAllUp("blade-1", 60);
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(waiting.url() + "/api/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("blade-9");
      assertThat(Files.exists(waiting.data().resolve("tls/candidate.key"))).isFalse();
      assertThat(Files.exists(waiting.data().resolve("tls/blade.key"))).isTrue();

      // the cluster port is the blade's now: no admission listener answers there
      CandidateClient client = new CandidateClient(Duration.ofSeconds(2));
      assertThatThrownBy(() -> client.admit(InetAddress.getByName("127.0.0.2"), blade1.port(),
          new Admission("x", "y", List.of("127.0.0.1:1"), CODE), dci.actors.tls.ClusterCa.newKeyPair().getPublic()))
          .isInstanceOf(IOException.class);
      JsonNode again = p.ok("blade-1", "POST", "/api/discover", Map.of("hosts", List.of("127.0.0.2"), "port",
          blade1.port()));
      assertThat(byAddress(again, "127.0.0.2").get("kind").asText()).isEqualTo("blade");
      assertThat(byAddress(again, "127.0.0.2").get("blade").asText()).isEqualTo("blade-9");

      // started again the same way, the admitted node joins the seeds it kept instead of waiting
      p.kill("blade-9");
      p.startAlone("blade-9", "127.0.0.2", blade1.port(), "--await-admission", "--admission-code", CODE);
      p.await("blade-9 to join again", 60, () -> log(p.node("blade-9")).contains("admitted before: joining"));
      p.await("blade-9 Up again", 90, () -> log(p.node("blade-9")).contains("ready: blade-9 Up"));
      p.awaitAllUp("blade-1", 60);
    }
  }

  private record Cli(int code, String out, String err) {}

  private static Cli cli(Map<String, String> env, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = dci.app.cli.DciCommand.commandLine(env, new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(err, true)).execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  private static JsonNode byAddress(JsonNode discovery, String address) {
    List<String> seen = new ArrayList<>();
    for (JsonNode f : discovery.get("found")) {
      seen.add(f.toString());
      if (f.get("address").asText().equals(address)) {
        return f;
      }
    }
    throw new AssertionError("nothing found at " + address + " in " + seen);
  }

  private static String log(NodeProcesses.Node n) {
    try {
      return Files.readString(n.log());
    } catch (IOException e) {
      return "";
    }
  }
}
