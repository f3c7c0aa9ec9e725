package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dci.app.CageExtension;
import dci.app.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import dci.app.cli.CliRun.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** dci vnas against real blades: put through one, get through another, ls, stat, df, rm, errors. */
@ExtendWith(CageExtension.class)
class VnasCliTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();


  @BeforeEach
  void environment() {
    env.put("XDG_CONFIG_HOME", home.toString());
  }

  private Run dci(String... args) {
    return CliRun.dci(env, args);
  }

  @Test
  void aFilePutThroughOneBladeIsReadBackThroughAnotherAndListedWithItsStripes(TestCluster cage) throws Exception {
    assertThat(dci("--url", cage.url(1), "login", "--user", "admin", "--password-file",
        cage.adminPasswordFile().toString()).code()).isZero();
    byte[] data = new byte[9_000_000];
    new Random(3).nextBytes(data);
    Path local = home.resolve("in.bin");
    Files.write(local, data);
    Run mk = dci("--url", cage.url(1), "vnas", "mkdir", "-p", "/cli/sub");
    assertThat(mk.code()).as(mk.err()).isZero();
    Run put = dci("--url", cage.url(1), "vnas", "put", local.toString(), "/cli/sub/in.bin");
    assertThat(put.code()).as(put.err()).isZero();
    assertThat(put.json().get("size").asLong()).isEqualTo(data.length);
    Path back = home.resolve("out.bin");
    Run get = dci("--url", cage.url(3), "vnas", "get", "/cli/sub/in.bin", back.toString());
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(dci("--url", cage.url(3), "vnas", "get", "/cli/sub/in.bin", back.toString()).code())
        .as("refuses to overwrite without --force").isEqualTo(2);
    Run ls = dci("--url", cage.url(2), "-o", "json", "vnas", "ls", "/cli/sub");
    assertThat(ls.json()).hasSize(1);
    assertThat(ls.json().get(0).get("name").asText()).isEqualTo("in.bin");
    Run stat = dci("--url", cage.url(2), "-o", "json", "vnas", "stat", "/cli/sub/in.bin");
    assertThat(stat.json().get("stripes")).hasSize(3);
    stat.json().get("stripes").forEach(s -> assertThat(s.get("blades")).hasSize(2));
    Run df = dci("--url", cage.url(1), "-o", "json", "vnas", "df");
    assertThat(df.json().get("blades")).hasSize(3);
    assertThat(dci("--url", cage.url(1), "vnas", "rm", "/cli").code()).isZero();
    Run missing = dci("--url", cage.url(2), "vnas", "get", "/cli/sub/in.bin", home.resolve("x").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no such path");
  }

  @Test
  void aRuleSetThroughOneBladeIsListedByEveryBladeAndRemovedThroughAnother(TestCluster cage) throws Exception {
    assertThat(dci("--url", cage.url(1), "login", "--user", "admin", "--password-file",
        cage.adminPasswordFile().toString()).code()).isZero();
    Run set = dci("--url", cage.url(1), "vnas", "rule", "set", "/rules-cli", "--replicas", "3", "--stripe-size", "128KiB");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out()).contains("/rules-cli: 3 replicas, stripes of 128.0 KiB");
    for (int k = 1; k <= 3; k++) {
      Run list = dci("--url", cage.url(k), "-o", "json", "vnas", "rule", "list");
      assertThat(list.code()).as(list.err()).isZero();
      assertThat(list.json().findValuesAsText("path")).contains("/rules-cli");
    }
    Run table = dci("--url", cage.url(2), "vnas", "rule", "list");
    assertThat(table.out()).contains("FOLDER", "/rules-cli", "cluster", "admin");
    Run bad = dci("--url", cage.url(1), "vnas", "rule", "set", "/rules-cli", "--replicas", "2", "--stripe-size", "lots");
    assertThat(bad.code()).isEqualTo(CliError.USAGE);
    assertThat(bad.err()).contains("not a size: 'lots'");
    Run zero = dci("--url", cage.url(1), "vnas", "rule", "set", "/rules-cli", "--replicas", "0");
    assertThat(zero.code()).isNotZero();
    assertThat(zero.err()).contains("replicas must be between 1 and 16");
    assertThat(dci("--url", cage.url(3), "vnas", "rule", "rm", "/rules-cli").code()).isZero();
    Run again = dci("--url", cage.url(2), "vnas", "rule", "rm", "/rules-cli");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("no cluster rule for /rules-cli");
  }

  @Test
  void aPutWithoutLoginExits3(TestCluster cage) throws Exception {
    Path local = home.resolve("a.txt");
    Files.writeString(local, "a");
    Run r = dci("--url", cage.url(1), "vnas", "put", local.toString(), "/a.txt");
    assertThat(r.code()).isEqualTo(3);
  }
}
