package dci.app.install;

import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageNames;
import dci.protocol.pkg.PackageVersion;
import dci.protocol.pkg.Step;
import dci.protocol.pkg.VerifiedPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Installs, upgrades and uninstalls verified packages on this blade, under a packages root
 * ({@code DATA/packages}): {@code <root>/<name>/} is the installed version. Steps run in a
 * staging directory {@code <root>/.staging/<name>-<version>-<random>/}, which is renamed into
 * place only when every step has succeeded; the previous version is moved aside until then and
 * put back if the commit fails. On any failure the staging directory is deleted, the previous
 * version is left as it was, and the result names the failing step with its output. See
 * docs/package.md for the environment commands get.
 *
 * <p>Blocking (file and process I/O): run it on an I/O dispatcher, never on an actor thread.
 * Calls on one installer are serialized; use one installer per packages root. Methods taking a
 * package name throw {@link PackageException} for an invalid one.
 */
public final class Installer {
  private final Path root;
  private final Path staging;
  private final InstallLimits limits;

  public Installer(Path packagesRoot) {
    this(packagesRoot, InstallLimits.DEFAULT);
  }

  public Installer(Path packagesRoot, InstallLimits limits) {
    this.root = packagesRoot.toAbsolutePath().normalize();
    this.staging = root.resolve(".staging");
    this.limits = limits;
  }

  /** The install directory of package {@code name}. */
  public Path directory(String name) {
    return root.resolve(PackageNames.requirePackage(name));
  }

  /** What is installed as {@code name}; refused if its directory exists without valid records. */
  public synchronized Optional<InstalledPackage> installed(String name) {
    return InstallRecords.read(directory(name));
  }

  /** Every installed package, by name; directories without valid records are left out. */
  public synchronized List<InstalledPackage> list() {
    List<InstalledPackage> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        if (!d.getFileName().toString().startsWith(".")) {
          try {
            InstallRecords.read(d).ifPresent(out::add);
          } catch (PackageException e) {
            // not a package this installer made: left out of the inventory
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    out.sort(java.util.Comparator.comparing(InstalledPackage::name));
    return out;
  }

  /**
   * Installs {@code pkg}: a first install, an upgrade over an older version, or nothing when the
   * same version is installed. An older version over a newer one, or the same version with
   * different content, is refused.
   */
  public synchronized InstallResult install(VerifiedPackage pkg) {
    long start = System.nanoTime();
    Manifest m = pkg.manifest();
    Path target = directory(m.name());
    Optional<InstalledPackage> current;
    try {
      current = InstallRecords.read(target);
    } catch (PackageException e) {
      return result(m, null, InstallAction.INSTALL, false, e.getMessage() + ": remove it first", List.of(), start);
    }
    PackageVersion previous = current.map(InstalledPackage::version).orElse(null);
    if (previous != null && !m.version().isNewerThan(previous)) {
      return same(pkg, target, previous, start);
    }
    boolean upgrading = previous != null;
    InstallAction action = upgrading ? InstallAction.UPGRADE : InstallAction.INSTALL;
    Path work = staging.resolve(m.id() + "-" + Staging.random());
    List<StepResult> steps = List.of();
    try {
      Files.createDirectories(staging);
      List<Step> list = upgrading ? m.upgradeSteps() : m.install();
      if (upgrading && !m.upgrade().isEmpty()) {
        Trees.copy(target, work);
      } else {
        Files.createDirectory(work);
      }
      steps = StepRunner.runAll(list, new StepContext(pkg, work,
          Staging.environment(m, work, target, current.orElse(null)), limits));
      Optional<StepResult> failed = steps.stream().filter(s -> !s.ok()).findFirst();
      if (failed.isPresent()) {
        StepResult f = failed.get();
        return result(m, previous, action, false, "step " + f.index() + " (" + f.description() + ") failed"
            + Staging.rollback(work), steps, start);
      }
      Staging.requirePeerletJar(m, work);
      InstallRecords.write(work, pkg);
      String note = Staging.commit(work, target, staging, m.name() + "-" + previous);
      String done = (upgrading ? "upgraded from " + previous + " to " : "installed ") + m.version() + note;
      return new InstallResult(m.name(), m.version(), previous, action, true, done, steps, m.services(upgrading),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (PackageException | IOException | UncheckedIOException e) {
      String why = e instanceof PackageException ? e.getMessage() : "I/O error: " + e.getMessage();
      return result(m, previous, action, false, why + Staging.rollback(work), steps, start);
    }
  }

  /**
   * Uninstalls {@code name}: runs its uninstall steps in the install directory, then removes the
   * directory. If a step fails the package stays installed. Nothing installed: nothing to do.
   */
  public synchronized InstallResult uninstall(String name) {
    long start = System.nanoTime();
    Path target = directory(name);
    InstalledPackage current;
    try {
      Optional<InstalledPackage> found = InstallRecords.read(target);
      if (found.isEmpty()) {
        return new InstallResult(name, null, null, InstallAction.UNCHANGED, true, name + " is not installed",
            List.of(), List.of(), Duration.ofNanos(System.nanoTime() - start));
      }
      current = found.get();
    } catch (PackageException e) {
      return new InstallResult(name, null, null, InstallAction.UNINSTALL, false, e.getMessage(), List.of(), List.of(),
          Duration.ofNanos(System.nanoTime() - start));
    }
    Manifest m = current.manifest();
    List<StepResult> steps = StepRunner.runAll(m.uninstall(),
        new StepContext(null, target, Staging.environment(m, target, target, null), limits));
    Optional<StepResult> failed = steps.stream().filter(s -> !s.ok()).findFirst();
    if (failed.isPresent()) {
      return result(m, m.version(), InstallAction.UNINSTALL, false, "step " + failed.get().index() + " ("
          + failed.get().description() + ") failed: " + m.id() + " stays installed", steps, start);
    }
    try {
      Files.createDirectories(staging);
      String note = Staging.remove(target, staging.resolve(m.id() + "-" + Staging.random() + ".removed"));
      return result(m, m.version(), InstallAction.UNINSTALL, true, "uninstalled " + m.version() + note, steps, start);
    } catch (IOException e) {
      return result(m, m.version(), InstallAction.UNINSTALL, false, "cannot remove " + target + ": " + e.getMessage(),
          steps, start);
    }
  }

  /**
   * Tidies the staging area after a crash: puts back a previous version left aside by a commit
   * that did not finish, and deletes everything else there. Call it when the blade starts,
   * before any install.
   */
  public synchronized List<String> recover() {
    return Staging.recover(root, staging);
  }

  private InstallResult same(VerifiedPackage pkg, Path target, PackageVersion installed, long start) {
    Manifest m = pkg.manifest();
    if (m.version().compareTo(installed) < 0) {
      return result(m, installed, InstallAction.INSTALL, false, m.name() + " " + installed
          + " is installed, newer than " + m.version() + ": uninstall it first to go back", List.of(), start);
    }
    try {
      if (!Arrays.equals(InstallRecords.manifestBytes(target), pkg.manifestBytes())) {
        return result(m, installed, InstallAction.INSTALL, false, m.id()
            + " is installed with different content: publish a new version", List.of(), start);
      }
    } catch (IOException e) {
      return result(m, installed, InstallAction.INSTALL, false, "cannot read " + target + ": " + e.getMessage(),
          List.of(), start);
    }
    return result(m, installed, InstallAction.UNCHANGED, true, m.id() + " is already installed", List.of(), start);
  }

  private static InstallResult result(Manifest m, PackageVersion previous, InstallAction action, boolean ok,
      String message, List<StepResult> steps, long start) {
    return new InstallResult(m.name(), m.version(), previous, action, ok, message, steps, List.of(),
        Duration.ofNanos(System.nanoTime() - start));
  }
}
