package dci.app.packages;

import dci.app.install.InstallAction;
import dci.app.install.InstallResult;
import dci.app.install.InstalledPackage;
import dci.app.install.Installer;
import dci.protocol.pkg.Dependency;
import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageReader;
import dci.protocol.pkg.PackageVersion;
import dci.protocol.pkg.TrustedKeys;
import dci.protocol.pkg.VerifiedPackage;
import dci.protocol.pkg.api.Inventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * What the install peerlet does, off its thread: look the package up in the catalog, bring its
 * file from the VNAS, verify it (signature, trust, every hash) before any step runs, check its
 * dependencies against this blade's inventory, install it, and load the peerlet it ships.
 * Every call answers an {@link InstallReport}; nothing throws past it.
 */
final class InstallWork {
  private final String blade;
  private final Installer installer;
  private final PackageCatalog catalog;
  private final PackageFetch fetch;
  private final Follows follows;
  private final PeerletLoader peerlets;
  private final dci.app.install.Services services;
  private final Executor io;

  InstallWork(String blade, Installer installer, PackageCatalog catalog, PackageFetch fetch, Follows follows,
      PeerletLoader peerlets, dci.app.install.Services services, Executor io) {
    this.services = services;
    this.blade = blade;
    this.installer = installer;
    this.catalog = catalog;
    this.fetch = fetch;
    this.follows = follows;
    this.peerlets = peerlets;
    this.io = io;
  }

  /** Installs {@code name} at {@code version} (its newest when null). */
  CompletionStage<InstallReport> install(String name, PackageVersion version) {
    long start = System.nanoTime();
    CompletionStage<InstallReport> r = catalog.find(name, version).thenCompose(found -> {
      if (found.isEmpty()) {
        return done(InstallReport.failed(blade, "install", name, version == null ? null : version.toString(),
            version == null ? "no version of " + name + " is published" : name + " " + version + " is not published",
            0));
      }
      PackageInfo info = found.get();
      return CompletableFuture.supplyAsync(() -> installer.installed(name), io).thenCompose(current -> {
        PackageVersion want = info.parsedVersion();
        if (current.isPresent() && !want.isNewerThan(current.get().version())) {
          return done(same(info, current.get()));
        }
        return catalog.trusted().thenCompose(keys -> fetch.download(info)
            .thenApplyAsync(file -> installFile(info, file, keys), io));
      });
    });
    return finish(r, "install", name, version, start);
  }

  private InstallReport same(PackageInfo info, InstalledPackage current) {
    if (current.version().equals(info.parsedVersion())) {
      return new InstallReport(blade, "install", info.name(), info.version(), info.version(), "unchanged", "unchanged",
          info.name() + " " + info.version() + " is already installed", null, List.of(), 0,
          peerlets.loaded().get(info.name()), null);
    }
    return InstallReport.failed(blade, "install", info.name(), info.version(), info.name() + " " + current.version()
        + " is installed, newer than " + info.version() + ": uninstall it first to go back", 0);
  }

  private InstallReport installFile(PackageInfo info, Path file, TrustedKeys keys) {
    try {
      VerifiedPackage pkg = new PackageReader(keys).read(file);
      Manifest m = pkg.manifest();
      if (!m.name().equals(info.name()) || !m.version().equals(info.parsedVersion())) {
        throw new PackageException("the file published as " + info.name() + " " + info.version() + " holds "
            + m.id() + ": refused");
      }
      requireDependencies(m);
      peerlets.requireFree(m);
      // the services of what is installed stop while its directory changes, then run again (new or old version)
      services.stop(m.name());
      InstallResult result;
      try {
        result = installer.install(pkg);
      } finally {
        installer.installed(m.name()).ifPresent(services::start);
      }
      InstallReport report = InstallReport.of(blade, "install", result, 0);
      if (!result.ok()) {
        return report;
      }
      if (m.peerlet() == null) {
        peerlets.unload(m.name());
        return report;
      }
      if (result.action() == InstallAction.UNCHANGED && peerlets.loaded().containsKey(m.name())) {
        return report.withPeerlet(peerlets.loaded().get(m.name()));
      }
      try {
        return report.withPeerlet(peerlets.load(installer.installed(m.name()).orElseThrow()));
      } catch (RuntimeException e) {
        return report.failing("installed " + m.id() + ", but its peerlet " + m.peerlet().appType()
            + " did not load: " + e.getMessage());
      }
    } finally {
      PackageFetch.delete(file);
    }
  }

  private void requireDependencies(Manifest m) {
    Map<String, PackageVersion> have = new TreeMap<>();
    installer.list().forEach(p -> have.put(p.name(), p.version()));
    List<String> missing = new ArrayList<>();
    for (Dependency d : m.dependencies()) {
      if (!d.acceptedBy(have.get(d.name()))) {
        missing.add(d + (have.containsKey(d.name()) ? " (" + have.get(d.name()) + " is installed)" : ""));
      }
    }
    if (!missing.isEmpty()) {
      throw new PackageException(m.id() + " needs " + String.join(", ", missing) + ": install "
          + (missing.size() == 1 ? "it" : "them") + " first");
    }
  }

  /** Uninstalls {@code name} (refused while another installed package needs it) and stops following it. */
  CompletionStage<InstallReport> uninstall(String name) {
    long start = System.nanoTime();
    CompletionStage<InstallReport> r = CompletableFuture.supplyAsync(() -> {
      List<String> needing = installer.list().stream().filter(p -> !p.name().equals(name)
          && p.manifest().dependencies().stream().anyMatch(d -> d.name().equals(name)))
          .map(InstalledPackage::name).toList();
      if (!needing.isEmpty()) {
        throw new PackageException(String.join(", ", needing) + " needs " + name + ": uninstall "
            + (needing.size() == 1 ? "it" : "them") + " first");
      }
      services.stop(name);
      InstallResult result;
      try {
        result = installer.uninstall(name);
      } finally {
        installer.installed(name).ifPresent(services::start); // a failed uninstall leaves it installed
      }
      InstallReport report = InstallReport.of(blade, "uninstall", result, 0);
      if (result.ok() && result.action() == InstallAction.UNINSTALL) {
        peerlets.unload(name);
      }
      if (result.ok() && follows.set(name, false)) {
        report = report.withMessage(report.message() + "; no longer follows it").withFollowing(false, "uninstall");
      }
      return report;
    }, io);
    return finish(r, "uninstall", name, null, start);
  }

  /** Follows {@code name} and catches up with its newest version at once, or stops following it. */
  CompletionStage<InstallReport> follow(String name, boolean on) {
    long start = System.nanoTime();
    CompletionStage<InstallReport> r = CompletableFuture.supplyAsync(() -> follows.set(name, on), io)
        .thenCompose(changed -> {
          String was = changed ? "" : " (already)";
          if (!on) {
            return done(new InstallReport(blade, "follow", name, null, null, "unchanged", changed ? "ok" : "unchanged",
                (changed ? "no longer follows " : "did not follow ") + name, null, List.of(), 0, null, false));
          }
          return catchUp(name).thenApply(c -> c.withMessage("follows " + name + was + "; " + c.message())
              .withFollowing(true, "follow"));
        });
    return finish(r, "follow", name, null, start);
  }

  /** Installs the newest published version of {@code name} if it is newer than what is installed. */
  CompletionStage<InstallReport> catchUp(String name) {
    return catalog.find(name, null).thenCompose(newest -> {
      if (newest.isEmpty()) {
        return done(new InstallReport(blade, "install", name, null, null, "unchanged", "unchanged",
            "no version of " + name + " is published yet", null, List.of(), 0, null, null));
      }
      return install(name, newest.get().parsedVersion());
    });
  }

  /** This blade's inventory. */
  CompletionStage<Inventory> list() {
    return CompletableFuture.supplyAsync(() -> Inventories.of(blade, installer.list(), follows.names(),
        peerlets.loaded()), io);
  }

  private CompletionStage<InstallReport> finish(CompletionStage<InstallReport> r, String op, String name,
      PackageVersion version, long start) {
    return r.exceptionally(e -> InstallReport.failed(blade, op, name, version == null ? null : version.toString(),
            why(e), 0))
        .thenApply(rep -> rep.took((System.nanoTime() - start) / 1_000_000));
  }

  static String why(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PackageException) {
        return t.getMessage();
      }
    }
    return PackageFetch.rootMessage(e);
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
