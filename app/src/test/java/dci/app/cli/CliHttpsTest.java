package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.tls.ClusterCa;
import dci.actors.tls.Keys;
import dci.actors.tls.Pem;
import dci.actors.tls.TlsDir;
import dci.app.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a blade serving HTTPS: it trusts the cluster CA it is given, or the one it first meets. */
class CliHttpsTest {
  @TempDir static Path dir;
  static TestCluster cluster;
  static String url;
  static Path passwordFile;

  @BeforeAll
  static void start() {
    cluster = TestCluster.blades(1).https().start();
    url = cluster.url(1);
    passwordFile = cluster.adminPasswordFile();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static Map<String, String> env(String name) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CONFIG_HOME", Files.createDirectories(dir.resolve(name)).toString());
    env.put("DCI_URL", url);
    return env;
  }

  @Test
  void loginWithTheCaCertificateKeepsItAndLaterCommandsTrustIt() throws Exception {
    Map<String, String> env = env("given");
    CliRun.Run login = CliRun.dci(env, "login", "--user", "admin", "--password-file", passwordFile.toString(),
        "--cacert", TlsDir.of(cluster.dataDir(1)).caCert().toString());
    assertThat(login.code()).as(login.err()).isZero();
    assertThat(Files.readString(dir.resolve("given/dci/ca.crt"))).isEqualTo(
        Files.readString(TlsDir.of(cluster.dataDir(1)).caCert()));
    CliRun.Run status = CliRun.dci(env, "status", "-o", "json");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("blade-1");
  }

  @Test
  void withoutACertificateTheFirstCaMetIsTrustedAndItsFingerprintPrinted() throws Exception {
    Map<String, String> env = env("first-use");
    CliRun.Run login = CliRun.dci(env, "login", "--user", "admin", "--password-file", passwordFile.toString());
    assertThat(login.code()).as(login.err()).isZero();
    String fingerprint = Keys.fingerprint(TlsDir.of(cluster.dataDir(1)).ca().certificate());
    assertThat(login.err()).contains("on first use", fingerprint);
    assertThat(CliRun.dci(env, "cert", "list").code()).isZero();
  }

  @Test
  void anotherClustersCaIsRefusedWithAClearMessage() throws Exception {
    Map<String, String> env = env("foreign");
    Path foreign = dir.resolve("foreign-ca.crt");
    Files.writeString(foreign, Pem.of(ClusterCa.create("other").certificate()));
    CliRun.Run login = CliRun.dci(env, "login", "--user", "admin", "--password-file", passwordFile.toString(),
        "--cacert", foreign.toString());
    assertThat(login.code()).isEqualTo(CliError.UNREACHABLE);
    assertThat(login.err()).contains("not one this CLI trusts");
  }
}
