package dci.app.aims;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ClamAV as the host has it: {@code clamdscan} when the daemon's socket is there (signatures
 * loaded once), else {@code clamscan} with the package's signature folder
 * ({@code /var/lib/clamav}, kept by {@code freshclam}) plus the blade's own
 * ({@code DATA/aims/signatures}: DCI ships the EICAR test signature there, so a host that cannot
 * reach the signature mirrors still proves its scan path). Blocking.
 */
final class ClamAv {
  private static final List<String> DAEMON_SOCKETS = List.of("/run/clamav/clamd.ctl", "/var/run/clamav/clamd.ctl");
  private final Path systemDb;
  private final Path ownDb;
  private final Duration timeout;

  ClamAv(Path systemDb, Path ownDb, Duration timeout) {
    this.systemDb = systemDb;
    this.ownDb = ownDb;
    this.timeout = timeout;
  }

  /** A scan's outcome: clean, infected (with ClamAV's name for it) or failed (with why). */
  record Verdict(boolean infected, String signature, String error) {
    static Verdict clean() {
      return new Verdict(false, null, null);
    }
  }

  /** Why scanning cannot run here (no ClamAV), or empty when it can. */
  Optional<String> unavailable() {
    if (!HostCommand.exists("clamscan") && !HostCommand.exists("clamdscan")) {
      return Optional.of("ClamAV is not installed (apt-get install clamav)");
    }
    return Optional.empty();
  }

  /** Writes the signatures DCI ships into the blade's own signature folder. */
  void installOwnSignatures() throws IOException {
    Files.createDirectories(ownDb);
    try (InputStream in = ClamAv.class.getResourceAsStream("/aims/dci-test.ndb")) {
      if (in != null) {
        Files.copy(in, ownDb.resolve("dci-test.ndb"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  Verdict scan(Path file) {
    String daemon = DAEMON_SOCKETS.stream().filter(s -> Files.exists(Path.of(s))).findFirst().orElse(null);
    HostCommand.Result r;
    if (daemon != null && HostCommand.exists("clamdscan")) {
      r = HostCommand.run(List.of("clamdscan", "--fdpass", "--no-summary", file.toString()), timeout, 64 * 1024);
    } else {
      List<String> cmd = new ArrayList<>(List.of("clamscan", "--no-summary", "--stdout"));
      if (hasSignatures(systemDb)) {
        cmd.add("--database=" + systemDb);
      }
      cmd.add("--database=" + ownDb);
      cmd.add(file.toString());
      r = HostCommand.run(cmd, timeout, 64 * 1024);
    }
    if (r.timedOut()) {
      return new Verdict(false, null, "the scan took over " + timeout.toSeconds() + " s");
    }
    if (r.exit() == 0) {
      return Verdict.clean();
    }
    if (r.exit() == 1) {
      for (String line : r.out().split("\n")) {
        if (line.endsWith(" FOUND")) {
          String name = line.substring(line.lastIndexOf(": ") + 2, line.length() - " FOUND".length());
          return new Verdict(true, name, null);
        }
      }
      return new Verdict(true, "unnamed", null);
    }
    return new Verdict(false, null, "ClamAV failed (exit " + r.exit() + "): " + (r.err() + r.out()).strip());
  }

  /** A file a tree scan found infected. */
  record Found(Path file, String signature) {}

  /** Scans {@code dir} and everything under it; the infected files, or an error. */
  List<Found> scanTree(Path dir) {
    List<String> cmd = new ArrayList<>(List.of("clamscan", "-r", "--infected", "--no-summary", "--stdout"));
    if (hasSignatures(systemDb)) {
      cmd.add("--database=" + systemDb);
    }
    cmd.add("--database=" + ownDb);
    cmd.add(dir.toString());
    var r = HostCommand.run(cmd, timeout, 4 << 20);
    if (r.exit() != 0 && r.exit() != 1) {
      throw new IllegalStateException("ClamAV failed on " + dir + " (exit " + r.exit() + "): " + (r.err() + r.out()).strip());
    }
    List<Found> out = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (line.endsWith(" FOUND")) {
        int colon = line.lastIndexOf(": ");
        out.add(new Found(Path.of(line.substring(0, colon)), line.substring(colon + 2, line.length() - 6)));
      }
    }
    return out;
  }

  private static boolean hasSignatures(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{cvd,cld,cud,ndb,hdb,ldb}")) {
      return s.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }
}
