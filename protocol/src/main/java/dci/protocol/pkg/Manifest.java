package dci.protocol.pkg;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a package is and how to install it: the signed part of a package. Its XML form
 * ({@link ManifestXml}, documented in docs/package.md) is {@code manifest.xml} in the package,
 * and the package's signature covers its exact bytes. The constructor checks everything that
 * can be checked without the payload; {@link #requirePayloadReferences()} checks that steps
 * only use listed payload files.
 *
 * @param name package name ({@link PackageNames#requirePackage})
 * @param version its version
 * @param description free text, may be empty
 * @param dependencies packages needed first
 * @param files every payload file, with its size and SHA-256
 * @param peerlet a peerlet the package ships, or null
 * @param install steps of a first installation
 * @param upgrade steps of an upgrade over an older version; when empty, {@code install} runs
 * @param uninstall steps before removal: only {@code run} and {@code verify}
 */
public record Manifest(String name, PackageVersion version, String description, List<Dependency> dependencies,
    List<PayloadFile> files, PackagedPeerlet peerlet, List<Step> install, List<Step> upgrade, List<Step> uninstall) {
  /** Most steps in one list. */
  public static final int MAX_STEPS = 256;
  /** Most payload files. */
  public static final int MAX_FILES = 100_000;
  /** Most dependencies. */
  public static final int MAX_DEPENDENCIES = 256;

  public Manifest {
    PackageNames.requirePackage(name);
    if (version == null) {
      throw new PackageException("package " + name + " has no version");
    }
    description = PackageNames.requireText("description", description == null ? "" : description, 4096, true);
    dependencies = copy("dependencies", dependencies, MAX_DEPENDENCIES);
    files = copy("files", files, MAX_FILES);
    install = copy("install steps", install, MAX_STEPS);
    upgrade = copy("upgrade steps", upgrade, MAX_STEPS);
    uninstall = copy("uninstall steps", uninstall, MAX_STEPS);
    Set<String> seen = new HashSet<>();
    for (Dependency d : dependencies) {
      if (d.name().equals(name) || !seen.add(d.name())) {
        throw new PackageException("dependency on " + d.name() + " is " + (d.name().equals(name) ? "on itself"
            : "listed twice"));
      }
    }
    seen.clear();
    for (PayloadFile f : files) {
      if (!seen.add(f.path())) {
        throw new PackageException("payload file '" + f.path() + "' listed twice");
      }
    }
    checkServices("install", install);
    checkServices("upgrade", upgrade);
    for (Step s : uninstall) {
      if (!(s instanceof RunStep) && !(s instanceof VerifyStep)) {
        throw new PackageException("uninstall step <" + s.kind() + "> refused: uninstall steps are run and verify");
      }
    }
  }

  /** This manifest with {@code files} instead of its own (how a package builder fills them in). */
  public Manifest withFiles(List<PayloadFile> newFiles) {
    return new Manifest(name, version, description, dependencies, newFiles, peerlet, install, upgrade, uninstall);
  }

  /** The steps of an upgrade: {@code upgrade}, or {@code install} when there are none. */
  public List<Step> upgradeSteps() {
    return upgrade.isEmpty() ? install : upgrade;
  }

  /** The services the install (or upgrade) steps register. */
  public List<ServiceStep> services(boolean upgrading) {
    return (upgrading ? upgradeSteps() : install).stream()
        .filter(ServiceStep.class::isInstance).map(ServiceStep.class::cast).toList();
  }

  /** Total payload bytes. */
  public long payloadBytes() {
    return files.stream().mapToLong(PayloadFile::size).sum();
  }

  /** The listed payload file at {@code path}, or null. */
  public PayloadFile file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
  }

  /** Refuses a copy or extract step whose payload file is not listed. */
  public void requirePayloadReferences() {
    Set<String> listed = new HashSet<>();
    files.forEach(f -> listed.add(f.path()));
    for (List<Step> steps : List.of(install, upgrade)) {
      for (Step s : steps) {
        String from = s instanceof CopyStep c ? c.from() : s instanceof ExtractStep e ? e.from() : null;
        if (from != null && !listed.contains(from)) {
          throw new PackageException("step '" + s.describe() + "' uses payload file '" + from
              + "', which the package does not contain");
        }
      }
    }
  }

  /** name-version, e.g. {@code hello-1.2.0}. */
  public String id() {
    return name + "-" + version;
  }

  private static void checkServices(String list, List<Step> steps) {
    Set<String> names = new HashSet<>();
    for (Step s : steps) {
      if (s instanceof ServiceStep svc && !names.add(svc.name())) {
        throw new PackageException(list + " steps register service " + svc.name() + " twice");
      }
    }
  }

  private static <T> List<T> copy(String what, List<T> list, int max) {
    if (list == null) {
      return List.of();
    }
    if (list.size() > max) {
      throw new PackageException("too many " + what + ": " + list.size() + ", at most " + max);
    }
    for (T t : list) {
      if (t == null) {
        throw new PackageException("empty entry in " + what);
      }
    }
    return List.copyOf(list);
  }
}
