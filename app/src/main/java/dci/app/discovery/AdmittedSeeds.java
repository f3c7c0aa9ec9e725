package dci.app.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The seeds an admitted node was given, kept in {@code DATA/tls/seeds} (one {@code host:port} a
 * line): a later {@code dci node --await-admission} of the same data joins them again instead of
 * waiting (or, with no seeds at all, forming a cluster of its own with the cluster's certificate).
 */
final class AdmittedSeeds {
  private AdmittedSeeds() {}

  static Path file(Path dataDir) {
    return dci.actors.tls.TlsDir.of(dataDir).path().resolve("seeds");
  }

  static void write(Path dataDir, List<String> seeds) throws IOException {
    Path f = file(dataDir);
    Path tmp = f.resolveSibling(".seeds.tmp");
    Files.writeString(tmp, String.join("\n", seeds) + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The kept seeds; empty when there are none. */
  static List<String> read(Path dataDir) throws IOException {
    Path f = file(dataDir);
    if (!Files.isRegularFile(f)) {
      return List.of();
    }
    return Files.readAllLines(f, StandardCharsets.US_ASCII).stream().map(String::strip).filter(l -> !l.isEmpty())
        .toList();
  }
}
