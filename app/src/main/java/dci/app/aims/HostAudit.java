package dci.app.aims;

import dci.actors.auth.LoginThrottle;
import dci.protocol.aims.AuditReport;
import dci.protocol.aims.AuditReport.Account;
import dci.protocol.aims.AuditReport.FailedLogin;
import dci.protocol.aims.AuditReport.Upgrade;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blade's security audit, read from the host as an administrator would: {@code /etc/passwd}
 * (accounts with a login shell), {@code /etc/sudoers} and its folder and {@code /etc/group}
 * (who may sudo), a walk of the blade's data and the homes for world-writable entries (sticky
 * folders such as {@code /tmp}'s excepted; capped), the listening sockets, the failed DCI logins
 * the blade remembers, and {@code apt-get -s upgrade} (what the package cache has newer). Blocking.
 */
final class HostAudit {
  static final int MAX_WORLD_WRITABLE = 200;
  private static final Set<String> NO_LOGIN = Set.of("/usr/sbin/nologin", "/sbin/nologin", "/bin/false",
      "/usr/bin/false", "/bin/sync", "");
  private static final Pattern INST = Pattern.compile("Inst (\\S+) \\[([^]]+)] \\((\\S+)");
  private final String blade;
  private final Path etc;
  private final Path proc;
  private final List<Path> roots;
  private final LoginThrottle logins;
  private final Clock clock;

  HostAudit(String blade, Path etc, Path proc, List<Path> roots, LoginThrottle logins, Clock clock) {
    this.blade = blade;
    this.etc = etc;
    this.proc = proc;
    this.roots = roots;
    this.logins = logins;
    this.clock = clock;
  }

  AuditReport run() {
    List<String> notes = new ArrayList<>();
    List<String> writable = new ArrayList<>();
    boolean capped = worldWritable(writable, notes);
    List<FailedLogin> failed = logins == null ? List.of() : logins.recentFailures().stream()
        .map(f -> new FailedLogin(f.user(), f.address(), f.count(), f.last())).toList();
    return new AuditReport(blade, clock.instant(), accounts(notes), sudo(notes), writable, capped,
        ListeningPorts.read(proc, HostReader.users()), failed, upgrades(notes), notes);
  }

  private List<Account> accounts(List<String> notes) {
    List<Account> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(etc.resolve("passwd"))) {
        String[] f = line.split(":", -1);
        if (f.length >= 7 && f[2].matches("\\d+") && !NO_LOGIN.contains(f[6].trim())) {
          out.add(new Account(f[0], Integer.parseInt(f[2]), f[6], f[5]));
        }
      }
    } catch (IOException e) {
      notes.add("cannot read " + etc.resolve("passwd") + ": " + e.getMessage());
    }
    return out;
  }

  private List<String> sudo(List<String> notes) {
    List<String> out = new ArrayList<>();
    List<Path> files = new ArrayList<>(List.of(etc.resolve("sudoers")));
    try (var d = Files.list(etc.resolve("sudoers.d"))) {
      d.filter(Files::isRegularFile).sorted().forEach(files::add);
    } catch (IOException ignored) {
      // no sudoers.d
    }
    for (Path f : files) {
      try {
        for (String line : Files.readAllLines(f)) {
          String t = line.trim();
          if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("Defaults") && t.contains("ALL")) {
            out.add(f.getFileName() + ": " + t);
          }
        }
      } catch (IOException e) {
        if (Files.exists(f)) {
          notes.add("cannot read " + f + ": " + e.getMessage());
        }
      }
    }
    try {
      for (String line : Files.readAllLines(etc.resolve("group"))) {
        String[] f = line.split(":", -1);
        if (f.length >= 4 && List.of("sudo", "admin", "wheel").contains(f[0]) && !f[3].isBlank()) {
          out.add("group " + f[0] + ": " + f[3]);
        }
      }
    } catch (IOException e) {
      notes.add("cannot read " + etc.resolve("group") + ": " + e.getMessage());
    }
    return out;
  }

  /** Fills {@code out}; answers whether it stopped at the cap. */
  private boolean worldWritable(List<String> out, List<String> notes) {
    boolean[] capped = {false};
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return check(dir, true);
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            return attrs.isSymbolicLink() ? FileVisitResult.CONTINUE : check(file, false);
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }

          private FileVisitResult check(Path p, boolean dir) {
            try {
              var perms = Files.getPosixFilePermissions(p);
              if (perms.contains(PosixFilePermission.OTHERS_WRITE) && !(dir && sticky(p))) {
                if (out.size() >= MAX_WORLD_WRITABLE) {
                  capped[0] = true;
                  return FileVisitResult.TERMINATE;
                }
                out.add(p.toString() + (dir ? "/" : ""));
              }
            } catch (IOException | UnsupportedOperationException ignored) {
              // gone, or not POSIX
            }
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        notes.add("cannot walk " + root + ": " + e.getMessage());
      }
      if (capped[0]) {
        break;
      }
    }
    return capped[0];
  }

  private static boolean sticky(Path dir) {
    try {
      Object mode = Files.getAttribute(dir, "unix:mode");
      return mode instanceof Integer m && (m & 01000) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private List<Upgrade> upgrades(List<String> notes) {
    if (!HostCommand.exists("apt-get")) {
      notes.add("no apt-get: out-of-date packages unknown");
      return List.of();
    }
    var r = HostCommand.run(List.of("apt-get", "-s", "-o", "Debug::NoLocking=1", "upgrade"), Duration.ofSeconds(120),
        4 << 20);
    if (!r.ok()) {
      notes.add("apt-get -s upgrade failed: " + r.err().strip());
      return List.of();
    }
    return parseUpgrades(r.out());
  }

  /** The {@code Inst NAME [OLD] (NEW ...)} lines of an apt-get simulation. */
  static List<Upgrade> parseUpgrades(String simulation) {
    List<Upgrade> out = new ArrayList<>();
    for (String line : simulation.split("\n")) {
      Matcher m = INST.matcher(line);
      if (m.lookingAt()) {
        out.add(new Upgrade(m.group(1), m.group(2), m.group(3)));
      }
    }
    return out;
  }
}
