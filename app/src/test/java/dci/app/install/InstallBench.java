package dci.app.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an installer test works, in its temporary directory: a package source directory
 * ({@code src}, payload files go there) and the install root ({@code root}).
 */
record InstallBench(Path tmp, Path root, Path src, TestPackages packages) {
  static InstallBench in(Path tmp) throws IOException {
    return new InstallBench(tmp, tmp.resolve("packages"), Files.createDirectories(tmp.resolve("src")),
        new TestPackages(tmp));
  }

  /** Installs package "tool" 1.0 with {@code steps} as its install steps and what {@code src} holds as its payload. */
  InstallResult install(Installer installer, String steps) throws Exception {
    Files.writeString(src.resolve("manifest.xml"), "<manifest><name>tool</name><version>1.0</version><install>" + steps
        + "</install></manifest>");
    return installer.install(packages.sign(src));
  }
}
