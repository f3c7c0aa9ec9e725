package dci.app.install;

import dci.protocol.pkg.PackageKeys;
import dci.protocol.pkg.PackageReader;
import dci.protocol.pkg.PackageWriter;
import dci.protocol.pkg.TrustedKeys;
import dci.protocol.pkg.VerifiedPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/** Builds, signs and verifies small packages for the installer tests. */
final class TestPackages {
  static final KeyPair KEY = PackageKeys.generate();

  private final Path work;
  private int built;

  TestPackages(Path work) {
    this.work = work;
  }

  /**
   * A verified package of {@code name} {@code version} whose manifest body (steps) is
   * {@code body}, with payload {@code files} (path to content).
   */
  VerifiedPackage build(String name, String version, String body, Map<String, String> files) throws IOException {
    Path src = work.resolve("src-" + (++built));
    Files.createDirectories(src);
    Files.writeString(src.resolve("manifest.xml"), "<manifest><name>" + name + "</name><version>" + version
        + "</version>" + body + "</manifest>");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = src.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return sign(src);
  }

  /** Signs a source directory (manifest.xml and files) and verifies the package. */
  VerifiedPackage sign(Path src) {
    Path pkg = work.resolve("pkg-" + (++built) + ".dcipkg");
    new PackageWriter().write(src, KEY, pkg);
    return new PackageReader(TrustedKeys.of(KEY.getPublic())).read(pkg);
  }

  /** A shell step: {@code <run program="sh"><arg>-c</arg><arg>script</arg></run>}. */
  static String sh(String script) {
    return "<run program=\"sh\"><arg>-c</arg><arg>" + script.replace("&", "&amp;").replace("<", "&lt;")
        + "</arg></run>";
  }
}
