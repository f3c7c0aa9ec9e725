package dci.protocol.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ManifestXmlTest {
  private final ManifestXml xml = new ManifestXml();

  private Manifest decode(String s) {
    return xml.decode(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String manifest(String body) {
    return "<manifest><name>hello</name><version>1.0</version>" + body + "</manifest>";
  }

  static Manifest full() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LANG", "C.UTF-8");
    env.put("GREETING", "hello\tworld");
    Invocation setup = new Invocation("sh", List.of("-c", "echo one\necho two", ""), env, "bin");
    return new Manifest("hello", PackageVersion.parse("1.2.0-rc.1"), "Says hello.\nTwice.",
        List.of(new Dependency("java-runtime", PackageVersion.parse("17")), new Dependency("base", null)),
        List.of(new PayloadFile("bin/hello.sh", 21, "a".repeat(64)), new PayloadFile("lib.tar.gz", 0, "b".repeat(64))),
        new PackagedPeerlet("hello", "com.example.HelloPeerlet", "lib/hello.jar"),
        List.of(new CopyStep("bin/hello.sh", null), new CopyStep("bin/hello.sh", "bin/hi"),
            new ExtractStep("lib.tar.gz", "lib", 1), new ModeStep("bin/hello.sh", 0755), new RunStep(setup, 30),
            new ServiceStep("hello-daemon", Invocation.of("./bin/hello.sh", "serve")),
            new VerifyStep(Invocation.of("bin/hello.sh", "--version"), 0)),
        List.of(new RunStep(Invocation.of("bin/migrate"), 600)),
        List.of(new RunStep(Invocation.of("/bin/true"), 5)));
  }

  @Test
  void aFullManifestRoundTripsThroughXml() {
    Manifest m = full();
    byte[] bytes = xml.encode(m);
    assertThat(xml.decode(bytes)).isEqualTo(m);
    assertThat(xml.encode(xml.decode(bytes))).isEqualTo(bytes);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("<manifest format=\"1\">")
        .contains("<mode path=\"bin/hello.sh\" mode=\"755\"/>");
  }

  @Test
  void aFullManifestRoundTripsThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(full());
    assertThat(text).contains("\"kind\":\"run\"").contains("\"version\":\"1.2.0-rc.1\"");
    assertThat(json.readValue(text, Manifest.class)).isEqualTo(full());
  }

  @Test
  void theExampleInTheDocumentationParses() throws Exception {
    String doc = Files.readString(Path.of("../docs/package.md"));
    Matcher m = Pattern.compile("```xml\n(<\\?xml.*?</manifest>)\n```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("an xml example in docs/package.md").isTrue();
    Manifest example = decode(m.group(1));
    assertThat(example.install()).isNotEmpty();
    assertThat(example.files()).isNotEmpty();
    example.requirePayloadReferences();
  }

  @Test
  void aDoctypeIsRefusedSoNoEntityIsExpanded() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + manifest("<description>&x;</description>");
    assertThatThrownBy(() -> decode(xxe)).isInstanceOf(PackageException.class).hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }

  @Test
  void anUndeclaredEntityIsRefused() {
    assertThatThrownBy(() -> decode(manifest("<description>&x;</description>"))).isInstanceOf(PackageException.class);
  }

  /** Fuzz finding (ManifestXmlFuzzTestInputs/.../crash-bare-ampersand.xml): Woodstox's lazy WstxLazyException escaped. */
  @Test
  void aMalformedReferenceInTextIsAPackageExceptionNotAWoodstoxOne() {
    assertThatThrownBy(() -> decode(manifest("<description>a & b</description>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("malformed manifest XML");
    assertThatThrownBy(() -> decode("<manifest><name>x &1; y</name><version>1</version></manifest>"))
        .isInstanceOf(PackageException.class).hasMessageContaining("malformed manifest XML");
  }

  @Test
  void aManifestOverTheSizeCapIsRefusedBeforeParsing() {
    String big = manifest("<description>" + "x".repeat(ManifestXml.DEFAULT_LIMITS.maxBytes()) + "</description>");
    assertThatThrownBy(() -> decode(big)).isInstanceOf(PackageException.class).hasMessageContaining("byte limit");
  }

  @Test
  void tooDeepNestingIsRefused() {
    String deep = manifest("<install><run program=\"x\">" + "<arg>".repeat(20) + "</arg>".repeat(20) + "</run></install>");
    assertThatThrownBy(() -> decode(deep)).isInstanceOf(PackageException.class);
  }

  @Test
  void anUnknownElementIsRefusedNamingItAndWhereItIs() {
    assertThatThrownBy(() -> decode(manifest("<install><copy from=\"a\"/><chmod path=\"a\"/></install>")))
        .isInstanceOf(PackageException.class)
        .hasMessageContaining("<manifest>/<install>/<chmod> #2").hasMessageContaining("unknown step <chmod>");
    assertThatThrownBy(() -> decode(manifest("<author>me</author>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("unknown element <author>");
  }

  @Test
  void anUnknownAttributeIsRefusedNamingTheElement() {
    assertThatThrownBy(() -> decode(manifest("<install><copy from=\"a\" owner=\"root\"/></install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("<copy>")
        .hasMessageContaining("unknown attribute 'owner'");
  }

  @Test
  void aStepPathLeavingTheInstallDirectoryIsRefusedNamingTheStepAndLine() {
    String m = "<manifest>\n<name>hello</name>\n<version>1.0</version>\n<install>\n<copy from=\"a\" to=\"../../etc/x\"/>\n"
        + "</install>\n</manifest>";
    assertThatThrownBy(() -> decode(m)).isInstanceOf(PackageException.class)
        .hasMessageContaining("line 5").hasMessageContaining("<install>/<copy> #1").hasMessageContaining("'..'");
    assertThatThrownBy(() -> decode(manifest("<install><extract from=\"a.zip\" to=\"/opt\"/></install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("absolute");
    assertThatThrownBy(() -> decode(manifest("<install><run program=\"x\" dir=\"..\"/></install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("working dir");
  }

  @Test
  void badValuesAreRefusedWithTheirRule() {
    assertThatThrownBy(() -> decode(manifest("<install><mode path=\"a\" mode=\"4755\"/></install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("setuid");
    assertThatThrownBy(() -> decode(manifest("<install><run program=\"x\" timeout=\"soon\"/></install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> decode(manifest("<install><run program=\"x\" timeout=\"4294967356\"/></install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> decode(manifest("<install><extract from=\"a.rar\"/></install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining(".zip, .tar");
    assertThatThrownBy(() -> decode(manifest("<install><run program=\"x\"><env name=\"DCI_PACKAGE_DIR\">/</env>"
        + "</run></install>"))).isInstanceOf(PackageException.class).hasMessageContaining("reserved");
    assertThatThrownBy(() -> decode("<manifest><name>Hello World</name><version>1</version></manifest>"))
        .isInstanceOf(PackageException.class).hasMessageContaining("invalid package name");
    assertThatThrownBy(() -> decode(manifest("<files><file path=\"a\" size=\"1\" sha256=\"xyz\"/></files>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("<files>/<file> #1").hasMessageContaining("sha256");
  }

  @Test
  void uninstallStepsAreOnlyRunAndVerify() {
    assertThatThrownBy(() -> decode(manifest("<uninstall><copy from=\"a\"/></uninstall>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("uninstall step <copy> refused");
  }

  @Test
  void nameAndVersionAreRequiredAndElementsAppearOnce() {
    assertThatThrownBy(() -> decode("<manifest><name>hello</name></manifest>"))
        .isInstanceOf(PackageException.class).hasMessageContaining("needs <name> and <version>");
    assertThatThrownBy(() -> decode(manifest("<install/><install/>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("<install> appears twice");
    assertThatThrownBy(() -> decode("<package><name>hello</name></package>"))
        .isInstanceOf(PackageException.class).hasMessageContaining("<manifest>");
  }

  @Test
  void strayTextAndFormatsFromTheFutureAreRefused() {
    assertThatThrownBy(() -> decode(manifest("<install>copy everything</install>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("text 'copy everything' not allowed");
    assertThatThrownBy(() -> decode("<manifest format=\"2\"><name>a</name><version>1</version></manifest>"))
        .isInstanceOf(PackageException.class).hasMessageContaining("format '2'");
    assertThatThrownBy(() -> decode(manifest("<description><b>bold</b></description>")))
        .isInstanceOf(PackageException.class).hasMessageContaining("holds text only");
  }

  @Test
  void stepsUsingUnlistedPayloadAreRefusedByTheReferenceCheck() {
    Manifest m = decode(manifest("<install><copy from=\"missing.txt\"/></install>"));
    assertThatThrownBy(m::requirePayloadReferences).isInstanceOf(PackageException.class)
        .hasMessageContaining("'missing.txt', which the package does not contain");
  }
}
