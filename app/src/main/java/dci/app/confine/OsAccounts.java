package dci.app.confine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A blade running as root runs each user's programs as that user's own unprivileged OS account
 * ({@code dci-NAME}, made with useradd on first use, no login shell), dropping to it with
 * {@code setpriv} (no supplementary groups, no new privileges). The home is owned by the
 * account, mode 700; DATA (mode 700, root's) is not reachable from it.
 */
final class OsAccounts implements Confinement {
  private static final Object CREATING = new Object();
  private final Path dataDir;

  OsAccounts(Path dataDir) {
    this.dataDir = dataDir;
  }

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The OS account of DCI user {@code user}: {@code dci-} and the name, shortened and made safe. */
  static String accountOf(String user) {
    String safe = user.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    if (safe.equals(user) && safe.length() <= 27) {
      return "dci-" + safe;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
      return "dci-" + safe.substring(0, Math.min(safe.length(), 18)) + "-" + HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Launch wrap(String account, Path home, java.util.Map<String, String> env, List<String> command)
      throws IOException {
    java.util.Map<String, String> clean = Confinement.environment(account, home, env);
    String name = accountOf(account);
    UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    UserPrincipal owner = ensureAccount(name, home, lookup);
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
    Files.createDirectories(home);
    own(home, owner, group);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    // the folder of all homes is root's alone: from a home, ".." leads nowhere (a home another
    // user has not used yet is still root's, and would be readable through it)
    Path homes = home.toAbsolutePath().normalize().getParent();
    if (homes.startsWith(dataDir.toAbsolutePath().normalize()) && !homes.equals(dataDir.toAbsolutePath().normalize())) {
      Files.setPosixFilePermissions(homes, PosixFilePermissions.fromString("rwx------"));
    }
    List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--clear-groups",
        "--no-new-privs", "--"));
    if (env.isEmpty()) {
      // every variable is the blade's own (HOME, USER, PATH, LANG), none the caller's: setpriv,
      // which runs as root, may carry them to the program, one exec fewer than through env -i
      line.addAll(command);
      return new Launch(line, clean);
    }
    // the caller's variables are set only after the drop, by env -i running as the account
    line.addAll(List.of("/usr/bin/env", "-i", "--"));
    clean.forEach((k, v) -> line.add(k + "=" + v));
    line.addAll(command);
    return new Launch(line, Confinement.wrapperEnvironment());
  }

  private static UserPrincipal ensureAccount(String name, Path home, UserPrincipalLookupService lookup)
      throws IOException {
    synchronized (CREATING) {
      try {
        return lookup.lookupPrincipalByName(name);
      } catch (UserPrincipalNotFoundException missing) {
        Process p = new ProcessBuilder("useradd", "--system", "--no-create-home", "--home-dir", home.toString(),
            "--shell", "/usr/sbin/nologin", "--user-group", name).redirectErrorStream(true).start();
        try {
          boolean done = p.waitFor(30, TimeUnit.SECONDS);
          String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
          if (!done || (p.exitValue() != 0 && p.exitValue() != 9)) { // 9: made meanwhile by another process
            throw new IOException("cannot make the OS account " + name + ": useradd " + (done ? "exit " + p.exitValue()
                : "timed out") + (out.isEmpty() ? "" : ": " + out));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while making the OS account " + name, e);
        }
        return lookup.lookupPrincipalByName(name);
      }
    }
  }

  /** Gives everything under the home (restored files, say, which root wrote) to its account. */
  private static void own(Path home, UserPrincipal owner, GroupPrincipal group) throws IOException {
    Files.walkFileTree(home, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        give(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        give(file);
        return FileVisitResult.CONTINUE;
      }

      private void give(Path p) throws IOException {
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        var a = v.readAttributes();
        if (!a.owner().equals(owner) || !a.group().equals(group)) {
          v.setOwner(owner);
          v.setGroup(group);
        }
      }
    });
  }
}
