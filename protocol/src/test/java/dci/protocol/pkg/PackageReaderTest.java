package dci.protocol.pkg;

import static dci.protocol.pkg.TestPackages.entries;
import static dci.protocol.pkg.TestPackages.signed;
import static dci.protocol.pkg.TestPackages.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageReaderTest {
  private static final KeyPair KEY = PackageKeys.generate();
  private static final KeyPair OTHER = PackageKeys.generate();

  @TempDir Path tmp;
  private Path built;
  private final PackageReader reader = new PackageReader(TrustedKeys.of(KEY.getPublic()));

  @BeforeEach
  void build() throws IOException {
    built = tmp.resolve("hello.dcipkg");
    new PackageWriter().write(TestPackages.source(tmp.resolve("src")), KEY, built);
  }

  private Path rewrite(Map<String, byte[]> entries) throws IOException {
    return zip(tmp.resolve("evil.dcipkg"), entries);
  }

  private static Map<String, byte[]> files(String... pathsAndContents) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  @Test
  void aBuiltPackageVerifiesWithItsTrustedKeyAndListsItsFiles() throws IOException {
    VerifiedPackage p = reader.read(built);
    assertThat(p.manifest().name()).isEqualTo("hello");
    assertThat(p.keyId()).isEqualTo(PackageKeys.keyId(KEY.getPublic())).hasSize(16);
    assertThat(p.manifest().files()).extracting(PayloadFile::path).containsExactly("bin/hello.sh", "share/readme.txt");
    assertThat(p.manifest().file("bin/hello.sh").size()).isEqualTo(21);
    try (PayloadStream in = p.openPayload("bin/hello.sh")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\necho hello\n");
    }
    assertThat(entries(built).keySet()).containsExactly("manifest.xml", "signature.txt", "payload/bin/hello.sh",
        "payload/share/readme.txt");
  }

  @Test
  void theSameSourceAndKeyBuildTheSameBytes() throws IOException {
    Path again = tmp.resolve("again.dcipkg");
    new PackageWriter().write(tmp.resolve("src"), KEY, again);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(built));
  }

  @Test
  void aTamperedPayloadIsRefused() throws IOException {
    Map<String, byte[]> e = entries(built);
    e.put("payload/bin/hello.sh", "#!/bin/sh\nrm -rf ~/*\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("'bin/hello.sh' does not match its SHA-256");
    e.put("payload/bin/hello.sh", "#!/bin/sh\necho hello, and more\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("'bin/hello.sh'").hasMessageContaining("bytes");
  }

  @Test
  void aTamperedManifestIsRefused() throws IOException {
    Map<String, byte[]> e = entries(built);
    String m = new String(e.get("manifest.xml"), StandardCharsets.UTF_8);
    e.put("manifest.xml", m.replace("Says hello", "Says goodbye").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("signature does not match manifest.xml");
  }

  @Test
  void aTamperedSignatureIsRefused() throws IOException {
    Map<String, byte[]> e = entries(built);
    PackageSignature sig = PackageSignature.parse(e.get("signature.txt"));
    byte[] bad = sig.signature();
    bad[10] ^= 1;
    e.put("signature.txt", new PackageSignature(sig.publicKey(), bad).format());
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("signature does not match");
    e.put("signature.txt", "ed25519:AAAA:BBBB".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class);
    e.remove("signature.txt");
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("not signed");
  }

  @Test
  void aPackageSignedByAnUntrustedKeyIsRefused() throws IOException {
    assertThatThrownBy(() -> new PackageReader(TrustedKeys.of(OTHER.getPublic())).read(built))
        .isInstanceOf(PackageException.class).hasMessageContaining("signed by key " + PackageKeys.keyId(KEY.getPublic()))
        .hasMessageContaining("not trusted");
    assertThatThrownBy(() -> new PackageReader(TrustedKeys.NONE).read(built))
        .isInstanceOf(PackageException.class).hasMessageContaining("no key is trusted");
    Map<String, byte[]> e = entries(built);
    e.put("signature.txt", PackageSignature.sign(OTHER, e.get("manifest.xml")).format());
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("not trusted");
  }

  @Test
  void entryNamesThatCouldEscapeAreRefused() throws IOException {
    for (String name : new String[] {"payload/../../etc/cron.d/x", "/etc/passwd", "payload/bin\\..\\x",
        "payload/C:/x", "payload/a\u0001b", "payload//x"}) {
      Map<String, byte[]> e = signed(KEY, files("x", "1"));
      e.put(name, "1".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> reader.read(rewrite(e))).as(name).isInstanceOf(PackageException.class)
          .hasMessageContaining("entry");
    }
    Map<String, byte[]> dots = signed(KEY, files("../x", "1"));
    assertThatThrownBy(() -> reader.read(rewrite(dots))).isInstanceOf(PackageException.class)
        .hasMessageContaining("'..' segment");
  }

  @Test
  void anUnlistedEntryIsRefused() throws IOException {
    Map<String, byte[]> e = entries(built);
    e.put("payload/bin/extra.sh", "echo surprise".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("'payload/bin/extra.sh' is not listed");
    Map<String, byte[]> f = entries(built);
    f.put("README", "hi".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> reader.read(rewrite(f))).isInstanceOf(PackageException.class)
        .hasMessageContaining("unexpected entry 'README'");
    Map<String, byte[]> d = entries(built);
    d.put("payload/bin/", new byte[0]);
    assertThatThrownBy(() -> reader.read(rewrite(d))).isInstanceOf(PackageException.class)
        .hasMessageContaining("directory entries");
  }

  @Test
  void aListedFileMissingFromThePackageIsRefused() throws IOException {
    Map<String, byte[]> e = entries(built);
    e.remove("payload/share/readme.txt");
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("'share/readme.txt' listed in the manifest is missing");
  }

  @Test
  void aDuplicateEntryIsRefused() throws IOException {
    Path p = rewrite(signed(KEY, files("a", "1", "b", "2")));
    byte[] bytes = Files.readAllBytes(p);
    String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("payload/b", "payload/a");
    Files.write(p, latin.getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> reader.read(p)).isInstanceOf(PackageException.class).hasMessageContaining("twice");
  }

  @Test
  void thePayloadCapRefusesBeforeInflating() throws IOException {
    Path big = rewrite(signed(KEY, files("a", "x".repeat(5000))));
    assertThatThrownBy(() -> new PackageReader(TrustedKeys.of(KEY.getPublic()), new PackageLimits(100, 4096, 1 << 20))
        .read(big)).isInstanceOf(PackageException.class).hasMessageContaining("over the 4096-byte limit");
  }

  @Test
  void anEntryLargerThanItsListedSizeIsRefusedWithoutInflatingIt() throws IOException {
    Map<String, byte[]> e = signed(KEY, files("bomb", "tiny"));
    e.put("payload/bomb", new byte[8 << 20]);
    assertThatThrownBy(() -> reader.read(rewrite(e))).isInstanceOf(PackageException.class)
        .hasMessageContaining("'bomb'").hasMessageContaining("8388608 bytes, its manifest lists 4");
  }

  @Test
  void theEntryCountCapIsEnforced() throws IOException {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      many.put("f" + i, "x");
    }
    Map<String, byte[]> f = new LinkedHashMap<>();
    many.forEach((k, v) -> f.put(k, v.getBytes(StandardCharsets.UTF_8)));
    Path p = rewrite(signed(KEY, f));
    assertThatThrownBy(() -> new PackageReader(TrustedKeys.of(KEY.getPublic()), new PackageLimits(10, 1 << 20, 1 << 20))
        .read(p)).isInstanceOf(PackageException.class).hasMessageContaining("more than 10 entries");
  }

  @Test
  void aFileThatIsNotAZipIsRefused() throws IOException {
    Path p = Files.writeString(tmp.resolve("junk.dcipkg"), "not a zip at all");
    assertThatThrownBy(() -> reader.read(p)).isInstanceOf(PackageException.class).hasMessageContaining("not a valid ZIP");
    assertThatThrownBy(() -> reader.read(tmp.resolve("absent"))).isInstanceOf(PackageException.class)
        .hasMessageContaining("no such package file");
  }

  @Test
  void aPayloadChangedAfterVerificationIsRefusedWhenRead() throws IOException {
    VerifiedPackage p = reader.read(built);
    Map<String, byte[]> e = entries(built);
    e.put("payload/bin/hello.sh", "#!/bin/sh\necho HELLO\n".getBytes(StandardCharsets.UTF_8));
    zip(built, e);
    assertThatThrownBy(() -> {
      try (PayloadStream in = p.openPayload("bin/hello.sh")) {
        in.readAllBytes();
      }
    }).isInstanceOf(PackageException.class).hasMessageContaining("does not match its SHA-256");
  }

  @Test
  void theWriterRefusesSymlinksAndStepsUsingAbsentFiles() throws IOException {
    Path src = tmp.resolve("src");
    Files.createSymbolicLink(src.resolve("share/passwd"), Path.of("/etc/passwd"));
    assertThatThrownBy(() -> new PackageWriter().write(src, KEY, tmp.resolve("x.dcipkg")))
        .isInstanceOf(PackageException.class).hasMessageContaining("symbolic link");
    Files.delete(src.resolve("share/passwd"));
    Files.delete(src.resolve("bin/hello.sh"));
    assertThatThrownBy(() -> new PackageWriter().write(src, KEY, tmp.resolve("x.dcipkg")))
        .isInstanceOf(PackageException.class).hasMessageContaining("'bin/hello.sh', which the package does not contain");
    assertThatThrownBy(() -> new PackageWriter().write(src, KEY, src.resolve("inside.dcipkg")))
        .isInstanceOf(PackageException.class).hasMessageContaining("must not be inside");
  }
}
