package dci.app.install;

import static dci.app.install.InstallBlades.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.protocol.pkg.PackageKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 across three real blades: packages built and signed here, published through blade 1
 * onto the VNAS, installed, upgraded, followed, replayed and uninstalled through the API.
 */
class InstallClusterTest {
  static final KeyPair PUBLISHER = PackageKeys.generate();
  static InstallBlades blades;
  @TempDir Path work;

  @BeforeAll
  static void start() throws Exception {
    blades = new InstallBlades(3, PackageKeys.encodePublic(PUBLISHER.getPublic()));
  }

  @AfterAll
  static void stop() {
    if (blades != null) {
      blades.close();
    }
  }

  private PackageFiles files() {
    return new PackageFiles(work);
  }

  private static String sh(String script) {
    return TestPackages.sh(script);
  }

  private static JsonNode published(Http.Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  @Test
  void aPackagePublishedThroughOneBladeInstallsOnEveryBladeFromStripesOthersServe() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    Path pkg = files().build(PUBLISHER, "hello", "1.0.0", "<install><copy from=\"bin/hello.txt\"/><copy from=\"data.bin\"/>"
        + sh("mkdir -p var && echo configured > var/state") + "</install>",
        Map.of("bin/hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8), "data.bin", data));
    JsonNode info = published(blades.upload(1, pkg, blades.token()));
    assertThat(info.get("vnasPath").asText()).isEqualTo("/.packages/hello/1.0.0.dcipkg");
    assertThat(info.get("size").asLong()).isEqualTo(Files.size(pkg));
    assertThat(info.get("keyId").asText()).isEqualTo(PackageKeys.keyId(PUBLISHER.getPublic()));
    assertThat(Http.get(blades.url(3) + "/api/packages", blades.token()).json().findValuesAsText("name"))
        .contains("hello");
    long servedBefore = servedByOthers();

    JsonNode job = blades.job("install", "{\"name\":\"hello\",\"on\":\"all\"}");
    assertThat(job.get("ok").asBoolean()).as(job.toString()).isTrue();
    for (int k = 1; k <= 3; k++) {
      assertThat(row(job, "blade-" + k).get("state").asText()).isEqualTo("ok");
      assertThat(row(job, "blade-" + k).get("action").asText()).isEqualTo("install");
      Path dir = blades.packages(k).resolve("hello");
      assertThat(dir.resolve("bin/hello.txt")).hasContent("hello");
      assertThat(Files.readAllBytes(dir.resolve("data.bin"))).isEqualTo(data);
      assertThat(dir.resolve("var/state")).hasContent("configured");
      assertThat(blades.installed(k, "hello")).isEqualTo("1.0.0");
      assertThat(blades.packages(k).resolve(".incoming")).isEmptyDirectory();
    }
    assertThat(servedByOthers()).as("stripes the publisher does not hold come from the other blades")
        .isGreaterThan(servedBefore);

    JsonNode again = blades.job("install", "{\"name\":\"hello\",\"version\":\"1.0.0\",\"on\":\"all\"}");
    assertThat(again.get("blades").findValuesAsText("state")).containsOnly("unchanged");
  }

  /** Stripe bytes blades 2 and 3 served to other blades. */
  private static long servedByOthers() {
    long n = 0;
    for (int k = 2; k <= 3; k++) {
      n += Http.get(blades.url(k) + "/api/vnas/df", blades.token()).json().get("served").get("bytes").asLong();
    }
    return n;
  }

  @Test
  void aTamperedPayloadOrSignatureOrAnOversizedFileIsRefusedAtPublishAndNothingIsStored() throws Exception {
    PackageFiles f = files();
    Path good = f.build(PUBLISHER, "tampered", "1.0", "<install><copy from=\"a.txt\"/></install>", "a.txt", "original");
    Path payload = f.tamper(good, "payload/a.txt", "altered!".getBytes(StandardCharsets.UTF_8));
    Http.Reply r = blades.upload(1, payload, blades.token());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("a.txt").contains("SHA-256");

    String[] sig = new String(PackageFiles.entry(good, "signature.txt"), StandardCharsets.US_ASCII).strip().split(":");
    char c = sig[2].charAt(10);
    String forged = sig[0] + ":" + sig[1] + ":" + sig[2].substring(0, 10) + (c == 'A' ? 'B' : 'A') + sig[2].substring(11);
    Http.Reply s = blades.upload(1, f.tamper(good, "signature.txt", forged.getBytes(StandardCharsets.US_ASCII)),
        blades.token());
    assertThat(s.status()).isEqualTo(400);
    assertThat(s.json().get("error").asText()).contains("signature");

    Path junk = work.resolve("junk.dcipkg");
    Files.write(junk, "not a zip".getBytes(StandardCharsets.US_ASCII));
    Http.Reply notZip = blades.upload(1, junk, blades.token());
    assertThat(notZip.status()).isEqualTo(400);
    assertThat(notZip.json().get("error").asText()).contains("not a valid ZIP");
    Files.write(junk, new byte[5 << 20]);
    Http.Reply big = blades.upload(1, junk, blades.token());
    assertThat(big.status()).as(big.text()).isEqualTo(413);
    assertThat(big.json().get("error").asText()).contains("max-package-size");

    assertThat(Http.get(blades.url(2) + "/api/packages", blades.token()).json().findValuesAsText("name"))
        .doesNotContain("tampered");
    assertThat(Http.get(blades.url(1) + "/api/vnas/stat?path=/.packages/tampered", blades.token()).status())
        .isEqualTo(404);
    assertThat(blades.packages(1).resolve(".incoming")).isEmptyDirectory();
    assertThat(Http.post(blades.url(1) + "/api/install", blades.token(), "{\"name\":\"tampered\",\"on\":\"all\"}")
        .status()).isEqualTo(404);
  }

  @Test
  void aPackageSignedByAnUntrustedKeyIsRefusedUntilAnAdminTrustsTheKey() throws Exception {
    KeyPair stranger = PackageKeys.generate();
    Path pkg = files().build(stranger, "stranger", "1.0", "<install><copy from=\"s.txt\"/></install>", "s.txt", "s");
    Http.Reply r = blades.upload(1, pkg, blades.token());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("error").asText()).contains("no blade trusts").contains(PackageKeys.keyId(stranger.getPublic()));
    assertThat(Http.get(blades.url(1) + "/api/vnas/stat?path=/.packages/stranger", blades.token()).status())
        .isEqualTo(404);

    Path pub = work.resolve("stranger.pub");
    PackageKeys.writePublic(pub, stranger.getPublic(), false);
    String body = dci.protocol.Json.mapper().writeValueAsString(Map.of("key", Files.readString(pub)));
    Http.Reply trust = Http.post(blades.url(2) + "/api/packages/keys", blades.token(), body);
    assertThat(trust.status()).as(trust.text()).isEqualTo(200);
    assertThat(Http.get(blades.url(3) + "/api/packages/keys", blades.token()).json().findValuesAsText("source"))
        .contains("config", "admin");
    published(blades.upload(1, pkg, blades.token()));
  }

  @Test
  void aFailingStepIsRolledBackOnEveryBladeAndItsOutputReported() throws Exception {
    Path pkg = files().build(PUBLISHER, "broken", "1.0", "<install><copy from=\"b.txt\"/>"
        + sh("echo about to fail on $DCI_PACKAGE_NAME; exit 3") + "</install>", "b.txt", "b");
    published(blades.upload(1, pkg, blades.token()));
    JsonNode job = blades.job("install", "{\"name\":\"broken\",\"on\":\"all\"}");
    assertThat(job.get("ok").asBoolean()).isFalse();
    for (int k = 1; k <= 3; k++) {
      JsonNode r = row(job, "blade-" + k);
      assertThat(r.get("state").asText()).isEqualTo("failed");
      assertThat(r.get("message").asText()).contains("step 2");
      assertThat(r.get("failedStep").get("index").asInt()).isEqualTo(2);
      assertThat(r.get("failedStep").get("output").asText()).contains("about to fail on broken");
      assertThat(blades.packages(k).resolve("broken")).doesNotExist();
      assertThat(blades.packages(k).resolve(".staging")).isEmptyDirectory();
      assertThat(blades.installed(k, "broken")).isNull();
    }
  }

  @Test
  void anUpgradeRunsOverTheInstalledVersionAndUninstallRemovesIt() throws Exception {
    PackageFiles f = files();
    published(blades.upload(1, f.build(PUBLISHER, "tool", "1.0", "<install><copy from=\"v.txt\"/></install>", "v.txt",
        "one"), blades.token()));
    assertThat(blades.job("install", "{\"name\":\"tool\",\"on\":\"blade-1,blade-2\"}").get("ok").asBoolean()).isTrue();
    published(blades.upload(1, f.build(PUBLISHER, "tool", "2.0", "<install><copy from=\"v.txt\"/></install>"
        + "<uninstall>" + sh("test -f v.txt") + "</uninstall>", "v.txt", "two"), blades.token()));

    JsonNode up = blades.job("install", "{\"name\":\"tool\",\"on\":\"blade-1,blade-2\"}");
    assertThat(row(up, "blade-2").get("action").asText()).isEqualTo("upgrade");
    assertThat(row(up, "blade-2").get("previous").asText()).isEqualTo("1.0");
    assertThat(row(up, "blade-2").get("version").asText()).isEqualTo("2.0");
    assertThat(blades.packages(1).resolve("tool/v.txt")).hasContent("two");

    JsonNode down = blades.job("uninstall", "{\"name\":\"tool\",\"on\":\"all\"}");
    assertThat(row(down, "blade-1").get("state").asText()).isEqualTo("ok");
    assertThat(row(down, "blade-1").get("action").asText()).isEqualTo("uninstall");
    assertThat(row(down, "blade-3").get("state").asText()).isEqualTo("unchanged");
    for (int k = 1; k <= 3; k++) {
      assertThat(blades.packages(k).resolve("tool")).doesNotExist();
      assertThat(blades.installed(k, "tool")).isNull();
    }
  }

  @Test
  void dependenciesMustBeInstalledFirstAndANeededPackageCannotBeUninstalled() throws Exception {
    PackageFiles f = files();
    published(blades.upload(1, f.build(PUBLISHER, "app", "1.0", "<dependencies><dependency name=\"lib\" min-version="
        + "\"2.0\"/></dependencies><install>" + sh("touch ran") + "</install>", "a.txt", "a"), blades.token()));
    published(blades.upload(1, f.build(PUBLISHER, "lib", "2.0", "<install><copy from=\"l.txt\"/></install>", "l.txt",
        "l"), blades.token()));
    JsonNode refused = blades.job("install", "{\"name\":\"app\",\"on\":\"blade-1\"}");
    assertThat(row(refused, "blade-1").get("message").asText()).contains("needs lib>=2.0").contains("install it first");
    assertThat(blades.packages(1).resolve("app")).doesNotExist();

    assertThat(blades.job("install", "{\"name\":\"lib\",\"on\":\"blade-1\"}").get("ok").asBoolean()).isTrue();
    assertThat(blades.job("install", "{\"name\":\"app\",\"on\":\"blade-1\"}").get("ok").asBoolean()).isTrue();
    assertThat(blades.packages(1).resolve("app/ran")).exists();
    JsonNode needed = blades.job("uninstall", "{\"name\":\"lib\",\"on\":\"blade-1\"}");
    assertThat(row(needed, "blade-1").get("message").asText()).contains("app needs lib");
    assertThat(blades.installed(1, "lib")).isEqualTo("2.0");
    assertThat(blades.job("uninstall", "{\"name\":\"app\",\"on\":\"blade-1\"}").get("ok").asBoolean()).isTrue();
    assertThat(blades.job("uninstall", "{\"name\":\"lib\",\"on\":\"blade-1\"}").get("ok").asBoolean()).isTrue();
  }

  @Test
  void aFollowingBladeUpgradesItselfWhenANewerVersionIsPublished() throws Exception {
    PackageFiles f = files();
    published(blades.upload(1, f.build(PUBLISHER, "feed", "1.0", "<install><copy from=\"f.txt\"/></install>", "f.txt",
        "1.0"), blades.token()));
    JsonNode follow = blades.job("follow", "{\"name\":\"feed\",\"on\":\"blade-2\"}");
    assertThat(row(follow, "blade-2").get("following").asBoolean()).isTrue();
    assertThat(row(follow, "blade-2").get("state").asText()).as(follow.toString()).isEqualTo("ok");
    assertThat(blades.installed(2, "feed")).isEqualTo("1.0");
    assertThat(blades.inventory(2).get("follows").toString()).contains("feed");

    published(blades.upload(3, f.build(PUBLISHER, "feed", "1.1", "<install><copy from=\"f.txt\"/></install>", "f.txt",
        "1.1"), blades.token()));
    InstallBlades.await(() -> "1.1".equals(blades.installed(2, "feed")), 30);
    assertThat(blades.packages(2).resolve("feed/f.txt")).hasContent("1.1");
    assertThat(blades.installed(3, "feed")).as("blade 3 does not follow feed").isNull();

    JsonNode stop = blades.job("follow", "{\"name\":\"feed\",\"on\":\"blade-2\",\"follow\":false}");
    assertThat(row(stop, "blade-2").get("following").asBoolean()).isFalse();
    assertThat(blades.inventory(2).get("follows").toString()).doesNotContain("feed");
  }

  @Test
  void aPeerletShippedInAPackageAnswersEnvelopesToItsNewAppTypeAndAnUpgradeReplacesItsRunningCode() throws Exception {
    PackageFiles f = files();
    Path jar = f.peerletJar("hello");
    Path pkg = f.build(PUBLISHER, "greeter", "1.0", "<peerlet app-type=\"greet\" main-class=\"greet.GreetPeerlet\""
        + " jar=\"lib/greet.jar\"/><install><copy from=\"greet.jar\" to=\"lib/greet.jar\"/></install>",
        Map.of("greet.jar", Files.readAllBytes(jar)));
    assertThat(published(blades.upload(1, pkg, blades.token())).get("peerlet").asText()).isEqualTo("greet");
    JsonNode job = blades.job("install", "{\"name\":\"greeter\",\"on\":\"blade-2\"}");
    assertThat(row(job, "blade-2").get("peerlet").asText()).as(job.toString()).isEqualTo("greet");

    Http.Reply sent = greet(2);
    assertThat(sent.json().get("replies").get(0).get("payload").get("greeting").asText())
        .isEqualTo("hello from blade-2");
    assertThat(greet(3).json().get("replies").get(0).get("payload").get("undeliverable").asText())
        .contains("no peerlet for app type 'greet'");

    // an upgrade retires the instance running the old code: the next envelope meets the new one
    Path jar2 = f.peerletJar("hi");
    Path pkg2 = f.build(PUBLISHER, "greeter", "1.1", "<peerlet app-type=\"greet\" main-class=\"greet.GreetPeerlet\""
        + " jar=\"lib/greet.jar\"/><install><copy from=\"greet.jar\" to=\"lib/greet.jar\"/></install>",
        Map.of("greet.jar", Files.readAllBytes(jar2)));
    published(blades.upload(1, pkg2, blades.token()));
    JsonNode up = blades.job("install", "{\"name\":\"greeter\",\"on\":\"blade-2\"}");
    assertThat(row(up, "blade-2").get("version").asText()).as(up.toString()).isEqualTo("1.1");
    assertThat(greet(2).json().get("replies").get(0).get("payload").get("greeting").asText())
        .isEqualTo("hi from blade-2");

    assertThat(blades.job("uninstall", "{\"name\":\"greeter\",\"on\":\"blade-2\"}").get("ok").asBoolean()).isTrue();
    assertThat(greet(2).json().get("replies").get(0).get("payload").has("undeliverable")).isTrue();
  }

  private static Http.Reply greet(int k) {
    return send("greet", k);
  }

  private static Http.Reply send(String appType, int k) {
    Http.Reply r = Http.post(blades.url(1) + "/api/envelopes?wait=10s", blades.token(), "{\"appType\":\"" + appType
        + "\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\"blade-" + k + "\"]},\"payload\":{}}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r;
  }

  @Test
  void aRestartedBladeKeepsItsPeerletsAndFollowsAndCatchesUpWithWhatWasPublishedMeanwhile() throws Exception {
    PackageFiles f = files();
    Path jar = f.peerletJar("welcome back");
    published(blades.upload(1, f.build(PUBLISHER, "welcomer", "1.0", "<peerlet app-type=\"welcome\" main-class="
        + "\"greet.GreetPeerlet\" jar=\"welcome.jar\"/><install><copy from=\"welcome.jar\"/></install>",
        Map.of("welcome.jar", Files.readAllBytes(jar))), blades.token()));
    assertThat(blades.job("install", "{\"name\":\"welcomer\",\"on\":\"blade-3\"}").get("ok").asBoolean()).isTrue();
    JsonNode follow = blades.job("follow", "{\"name\":\"late\",\"on\":\"blade-3\"}");
    assertThat(row(follow, "blade-3").get("message").asText()).contains("no version of late is published yet");

    blades.stop(3);
    published(blades.upload(1, f.build(PUBLISHER, "late", "1.0", "<install><copy from=\"l.txt\"/></install>", "l.txt",
        "published while blade 3 was down"), blades.token()));
    blades.restart(3);

    InstallBlades.await(() -> "1.0".equals(blades.installed(3, "late")), 30);
    assertThat(blades.packages(3).resolve("late/l.txt")).hasContent("published while blade 3 was down");
    assertThat(send("welcome", 3).json().get("replies").get(0).get("payload").get("greeting").asText())
        .isEqualTo("welcome back from blade-3");
  }

  @Test
  void anInstallEnvelopeReplayedOntoABladeThatLacksThePackageInstallsItThere() throws Exception {
    published(blades.upload(1, files().build(PUBLISHER, "relay", "1.0", "<install><copy from=\"r.txt\"/></install>",
        "r.txt", "r"), blades.token()));
    JsonNode job = blades.job("install", "{\"name\":\"relay\",\"on\":\"blade-1\"}");
    String envelope = row(job, "blade-1").get("envelope").asText();
    assertThat(blades.installed(3, "relay")).isNull();

    Http.Reply replay = Http.post(blades.url(1) + "/api/replay?wait=60s", blades.token(),
        "{\"ids\":[\"" + envelope + "\"],\"to\":\"blade-3\"}");
    assertThat(replay.status()).as(replay.text()).isEqualTo(200);
    JsonNode answer = replay.json().get("replayed").get(0).get("replies").get(0).get("payload");
    assertThat(answer.get("blade").asText()).isEqualTo("blade-3");
    assertThat(answer.get("state").asText()).as(answer.toString()).isEqualTo("ok");
    assertThat(blades.installed(3, "relay")).isEqualTo("1.0");
    assertThat(blades.installed(2, "relay")).isNull();
  }

  @Test
  void viewersAndOperatorsMayNotPublishInstallOrTrust() throws Exception {
    Path pkg = files().build(PUBLISHER, "guarded", "1.0", "<install><copy from=\"g.txt\"/></install>", "g.txt", "g");
    for (String role : new String[] {"viewer", "operator"}) {
      String user = "pkg-" + role;
      Http.Reply made = Http.post(blades.url(1) + "/api/users", blades.token(),
          "{\"user\":\"" + user + "\",\"password\":\"secret-" + role + "\",\"role\":\"" + role + "\"}");
      assertThat(made.status()).as(made.text()).isEqualTo(201);
      String token = Http.login(blades.url(1), user, "secret-" + role);
      assertThat(blades.upload(1, pkg, token).status()).isEqualTo(403);
      assertThat(Http.post(blades.url(1) + "/api/install", token, "{\"name\":\"hello\",\"on\":\"all\"}").status())
          .isEqualTo(403);
      assertThat(Http.post(blades.url(1) + "/api/packages/keys", token, "{\"key\":\"x\"}").status()).isEqualTo(403);
      assertThat(Http.post(blades.url(1) + "/api/envelopes", token, "{\"appType\":\"dci.install\",\"to\":{\"mode\":"
          + "\"BLADE\",\"blades\":[\"blade-1\"]},\"payload\":{\"op\":\"uninstall\",\"name\":\"hello\"}}").status())
          .isEqualTo(403);
      assertThat(Http.get(blades.url(1) + "/api/packages", token).status()).isEqualTo(200);
    }
    assertThat(Http.get(blades.url(1) + "/api/install/jobs/nosuchjob", blades.token()).status()).isEqualTo(404);
  }
}
