package dci.app.install;

import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The installer's moves around its staging area: the commit (old version aside, new one into
 * place, old one deleted), rollback, removal and crash recovery; and the environment commands
 * run with.
 */
final class Staging {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ASIDE = ".previous";
  private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME");

  private Staging() {}

  static String random() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The minimal environment of commands (docs/package.md lists it). */
  static Map<String, String> environment(Manifest m, Path work, Path target, InstalledPackage previous) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String k : INHERITED) {
      String v = System.getenv(k);
      if (v != null) {
        env.put(k, v);
      }
    }
    env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
    String p = PackageNames.RESERVED_ENV_PREFIX;
    env.put(p + "NAME", m.name());
    env.put(p + "VERSION", m.version().toString());
    env.put(p + "DIR", work.toString());
    env.put(p + "TARGET", target.toString());
    if (previous != null) {
      env.put(p + "PREVIOUS_VERSION", previous.version().toString());
      env.put(p + "PREVIOUS_DIR", previous.dir().toString());
    }
    return env;
  }

  /** Refuses an install whose shipped peerlet has no jar once the steps are done. */
  static void requirePeerletJar(Manifest m, Path work) {
    if (m.peerlet() != null && !Files.isRegularFile(InstallPaths.resolve(work, "peerlet jar", m.peerlet().jar()),
        LinkOption.NOFOLLOW_LINKS)) {
      throw new PackageException("the package ships peerlet " + m.peerlet().appType() + " but its jar '"
          + m.peerlet().jar() + "' is not there after the steps");
    }
  }

  /**
   * Moves {@code work} into place as {@code target}; an existing {@code target} goes aside first
   * and comes back if the move fails. Returns a note for the result ("" when all went well).
   */
  static String commit(Path work, Path target, Path staging, String asideName) throws IOException {
    Path aside = null;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      aside = staging.resolve(asideName + "-" + random() + ASIDE);
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (aside != null) {
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (aside == null) {
      return "";
    }
    try {
      Trees.delete(aside);
      return "";
    } catch (IOException e) {
      return " (the old version is left at " + aside + ": " + e.getMessage() + ")";
    }
  }

  /** Deletes a staging directory; returns "" or a note saying what could not be deleted. */
  static String rollback(Path work) {
    try {
      Trees.delete(work);
      return "; rolled back";
    } catch (IOException e) {
      return "; rolled back, but " + work + " could not be deleted: " + e.getMessage();
    }
  }

  /** Moves {@code target} to {@code aside} and deletes it there. */
  static String remove(Path target, Path aside) throws IOException {
    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    try {
      Trees.delete(aside);
      return "";
    } catch (IOException e) {
      return " (files left at " + aside + ": " + e.getMessage() + ")";
    }
  }

  /** See {@link Installer#recover()}; returns what was done, one line each. */
  static List<String> recover(Path root, Path staging) {
    List<String> done = new ArrayList<>();
    if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
      return done;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        try {
          if (name.endsWith(ASIDE) && putBack(root, p)) {
            done.add("put back " + p.getFileName());
          } else {
            Trees.delete(p);
            done.add("deleted " + p.getFileName());
          }
        } catch (IOException | PackageException e) {
          done.add("could not tidy " + p.getFileName() + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      done.add("could not list " + staging + ": " + e.getMessage());
    }
    return done;
  }

  private static boolean putBack(Path root, Path aside) throws IOException {
    InstalledPackage p = InstallRecords.read(aside).orElse(null);
    if (p == null) {
      return false;
    }
    Path target = root.resolve(PackageNames.requirePackage(p.name()));
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }
}
