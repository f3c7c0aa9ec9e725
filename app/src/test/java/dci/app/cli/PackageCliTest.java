package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.cli.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dci package keygen, build and verify, in-process and offline. */
class PackageCliTest {
  @TempDir Path tmp;
  private Path src;

  private Run dci(String... args) {
    return CliRun.dci(Map.of("XDG_CONFIG_HOME", tmp.toString()), args);
  }

  @BeforeEach
  void source() throws Exception {
    src = Files.createDirectories(tmp.resolve("hello/bin"));
    Files.writeString(src.resolve("hello.sh"), "#!/bin/sh\necho hello\n");
    Files.writeString(tmp.resolve("hello/manifest.xml"), "<manifest><name>hello</name><version>1.2.0</version>"
        + "<description>Says hello</description><install><copy from=\"bin/hello.sh\"/>"
        + "<mode path=\"bin/hello.sh\" mode=\"755\"/><verify program=\"bin/hello.sh\"/></install></manifest>");
  }

  @Test
  void keygenBuildAndVerifyMakeAndCheckASignedPackage() throws Exception {
    Run keygen = dci("package", "keygen", "--out", tmp.resolve("acme").toString());
    assertThat(keygen.code()).as(keygen.err()).isZero();
    Path key = tmp.resolve("acme.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(tmp.resolve("acme.pub")).exists();
    String keyId = keygen.out().substring(4, 20);

    Path pkg = tmp.resolve("hello-1.2.0.dcipkg");
    Run build = dci("package", "build", tmp.resolve("hello").toString(), "--key", key.toString(), "--out", pkg.toString());
    assertThat(build.code()).as(build.err()).isZero();
    assertThat(build.out()).contains("hello 1.2.0, 1 file (21 B)").contains(keyId);

    Run verify = dci("package", "verify", pkg.toString(), "--trust", tmp.resolve("acme.pub").toString());
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("package     hello 1.2.0").contains("key " + keyId + " (trusted)")
        .contains("bin/hello.sh").contains("1. copy bin/hello.sh to bin/hello.sh").contains("verified:");

    Run json = dci("-o", "json", "package", "verify", pkg.toString(), "--trust", tmp.resolve("acme.pub").toString());
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode v = json.json();
    assertThat(v.get("name").asText()).isEqualTo("hello");
    assertThat(v.get("version").asText()).isEqualTo("1.2.0");
    assertThat(v.get("keyId").asText()).isEqualTo(keyId);
    assertThat(v.get("trusted").asBoolean()).isTrue();
    assertThat(v.get("files").get(0).get("size").asLong()).isEqualTo(21);
    assertThat(v.get("install").get(1).get("kind").asText()).isEqualTo("mode");

    Run unchecked = dci("package", "verify", pkg.toString());
    assertThat(unchecked.code()).isZero();
    assertThat(unchecked.out()).contains("not checked against trusted keys");
  }

  @Test
  void verifyRefusesAnUntrustedKeyOrATamperedPackageWithExitStatus1() throws Exception {
    assertThat(dci("package", "keygen", "--out", tmp.resolve("acme").toString()).code()).isZero();
    assertThat(dci("package", "keygen", "--out", tmp.resolve("other").toString()).code()).isZero();
    Path pkg = tmp.resolve("hello.dcipkg");
    assertThat(dci("package", "build", tmp.resolve("hello").toString(), "--key", tmp.resolve("acme.key").toString(),
        "--out", pkg.toString()).code()).isZero();

    Run untrusted = dci("package", "verify", pkg.toString(), "--trust", tmp.resolve("other.pub").toString());
    assertThat(untrusted.code()).isEqualTo(1);
    assertThat(untrusted.err()).contains("not trusted");

    Path tampered = tmp.resolve("tampered.dcipkg");
    try (ZipFile in = new ZipFile(pkg.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        out.putNextEntry(new ZipEntry(e.getName()));
        byte[] b = in.getInputStream(e).readAllBytes();
        out.write(e.getName().equals("payload/bin/hello.sh") ? "#!/bin/sh\necho HELLO\n".getBytes() : b);
      }
    }
    Run bad = dci("package", "verify", tampered.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("does not match its SHA-256");
  }

  @Test
  void usageErrorsExitWithStatus2AndNothingIsOverwritten() throws Exception {
    assertThat(dci("package", "keygen", "--out", tmp.resolve("acme").toString()).code()).isZero();
    String before = Files.readString(tmp.resolve("acme.key"));
    Run again = dci("package", "keygen", "--out", tmp.resolve("acme").toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("exists: use --force");
    assertThat(Files.readString(tmp.resolve("acme.key"))).isEqualTo(before);
    assertThat(dci("package", "build", tmp.resolve("nowhere").toString(), "--key", tmp.resolve("acme.key").toString(),
        "--out", tmp.resolve("x.dcipkg").toString()).code()).isEqualTo(2);
    assertThat(dci("package", "verify", tmp.resolve("absent.dcipkg").toString()).code()).isEqualTo(2);
    assertThat(dci("package", "build", tmp.resolve("hello").toString()).code()).isEqualTo(2);
    Files.writeString(tmp.resolve("hello/manifest.xml"), "<!DOCTYPE x><manifest/>");
    Run doctype = dci("package", "build", tmp.resolve("hello").toString(), "--key", tmp.resolve("acme.key").toString(),
        "--out", tmp.resolve("x.dcipkg").toString());
    assertThat(doctype.code()).isEqualTo(1);
    assertThat(doctype.err()).contains("DOCTYPE");
  }
}
