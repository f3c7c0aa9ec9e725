package dci.storage.backup;

import dci.protocol.DciSerializable;
import dci.protocol.auth.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A blade's backup settings, replicated to every blade (any blade answers for any other, and
 * a replacement finds them when the blade is gone).
 *
 * @param root directory backed up, absolute; null means the blade's user area ({@code DATA/home})
 * @param excludeDirs directory names (or relative paths) left out, with everything below them
 * @param excludeExts file extensions left out, e.g. {@code .mp3}
 * @param replicas how many peer blades hold each archive
 * @param remote how many of them are in other data centers (the remote recovery site)
 * @param peers the peers, when the admin names them; empty: chosen automatically
 * @param method snapshot, delta or mirror
 * @param schedule when runs start by themselves (see {@link Schedule}); null: only on demand
 * @param aging which archives to keep
 */
public record BackupConfig(String root, List<String> excludeDirs, List<String> excludeExts, int replicas,
    int remote, List<String> peers, BackupMethod method, String schedule, Aging aging) implements DciSerializable {
  public static final BackupConfig DEFAULT =
      new BackupConfig(null, List.of(), List.of(), 2, 0, List.of(), BackupMethod.delta, null, Aging.KEEP_ALL);

  public BackupConfig {
    excludeDirs = cleanDirs(excludeDirs);
    excludeExts = cleanExts(excludeExts);
    peers = peers == null ? List.of() : peers.stream().map(Names::requireBladeName).distinct().toList();
    method = method == null ? BackupMethod.delta : method;
    aging = aging == null ? Aging.KEEP_ALL : aging;
    if (root != null && !root.isBlank() && !Path.of(root).isAbsolute()) {
      throw new IllegalArgumentException("the backup root must be an absolute path: " + root);
    }
    root = root == null || root.isBlank() ? null : Path.of(root).normalize().toString();
    if (replicas < 1 || replicas > 16) {
      throw new IllegalArgumentException("replicas must be between 1 and 16");
    }
    if (remote < 0 || remote > replicas) {
      throw new IllegalArgumentException("remote must be between 0 and the replicas (" + replicas + ")");
    }
    if (schedule != null && schedule.isBlank()) {
      schedule = null;
    }
    if (schedule != null) {
      Schedule.parse(schedule);
    }
  }

  /** The root on a blade whose data directory is {@code dataDir}. */
  public Path rootOn(Path dataDir) {
    return root == null ? dataDir.resolve("home").toAbsolutePath().normalize() : Path.of(root);
  }

  private static List<String> cleanDirs(List<String> dirs) {
    List<String> out = new ArrayList<>();
    for (String d : dirs == null ? List.<String>of() : dirs) {
      String t = d.trim().replace('\\', '/').replaceAll("^/+|/+$", "");
      if (t.isEmpty() || t.contains("..") || t.chars().anyMatch(c -> c < 0x20)) {
        throw new IllegalArgumentException("invalid excluded directory '" + d + "'");
      }
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  private static List<String> cleanExts(List<String> exts) {
    List<String> out = new ArrayList<>();
    for (String e : exts == null ? List.<String>of() : exts) {
      String t = e.trim().toLowerCase(Locale.ROOT);
      if (!t.startsWith(".")) {
        t = "." + t;
      }
      if (t.length() < 2 || t.contains("/") || t.chars().anyMatch(c -> c < 0x20)) {
        throw new IllegalArgumentException("invalid excluded extension '" + e + "'");
      }
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
