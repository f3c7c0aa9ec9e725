package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.TestCluster;
import dci.app.cli.CliRun.Run;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * dci port, desk, spare, failover and fault against real blades: each reads the blade's reply
 * into its record of the wire contract and prints it, as a table or as the same JSON.
 */
@ExtendWith(CageExtension.class)
class FailoverCliTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void environment(TestCluster cage) {
    env.put("XDG_CONFIG_HOME", home.toString());
    Run login = dci("--url", cage.url(1), "login", "--user", "admin", "--password-file",
        cage.adminPasswordFile().toString());
    assertThat(login.code()).as(login.err()).isZero();
    env.put("DCI_URL", cage.url(1));
  }

  private Run dci(String... args) {
    return CliRun.dci(env, args);
  }

  @Test
  void aDeskAssignedToABladeIsListedAndRunsItsCommandThere() throws Exception {
    Run assign = dci("port", "assign", "clidesk", "blade-2");
    assertThat(assign.code()).as(assign.err()).isZero();
    assertThat(assign.out()).contains("clidesk's desk (desk-clidesk) -> blade-2");
    Run table = dci("port", "list");
    assertThat(table.out()).startsWith("USER").containsPattern("clidesk\\s+desk-clidesk\\s+blade-2\\s+\\S+Z\\s+assigned");
    JsonNode ports = dci("port", "list", "-o", "json").json();
    assertThat(ports.findValues("user").stream().map(JsonNode::asText)).contains("clidesk");

    Run ran = dci("-o", "json", "desk", "clidesk", "--", "sh", "-c", "echo $DCI_BLADE; exit 3");
    assertThat(ran.code()).isEqualTo(1);
    assertThat(ran.json().get("blade").asText()).isEqualTo("blade-2");
    assertThat(ran.json().get("exitCode").asInt()).isEqualTo(3);
    Run plain = dci("desk", "clidesk", "--", "sh", "-c", "exit 4");
    assertThat(plain.code()).as(plain.err()).isEqualTo(4);
  }

  @Test
  void aSpareAddedIsListedAsAddedAndTheFailoverStatusAndFaultsAnswer() throws Exception {
    Run add = dci("spare", "add", "blade-3", "-o", "json");
    Run list = dci("spare", "list");
    Run remove = dci("spare", "remove", "blade-3");
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.json().get("mark").asText()).isEqualTo("added");
    assertThat(list.out()).startsWith("BLADE").containsPattern("blade-3\\s+Up\\s+added\\s+(yes|no)");
    assertThat(remove.out()).contains("blade-3 is no longer a spare");

    Run status = dci("failover", "status");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("coordinator:", "free spares:", "under way:");
    Run history = dci("failover", "history", "-o", "json");
    assertThat(history.code()).as(history.err()).isZero();
    assertThat(history.json().isArray()).isTrue();

    Run cleared = dci("fault", "clear", "--blade", "blade-2", "-o", "json");
    assertThat(cleared.code()).as(cleared.err()).isZero();
    assertThat(cleared.json().get("blade").asText()).isEqualTo("blade-2");
    assertThat(cleared.json().get("faults")).isEmpty();
  }
}
