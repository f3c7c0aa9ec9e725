package dci.app.aims;

import dci.protocol.Json;
import dci.protocol.aims.Quarantined;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A blade's quarantine folder ({@code DATA/aims/quarantine}): each infected file's bytes under an
 * id, readable by the blade's user only, and beside it {@code ID.json} saying where it was and
 * what ClamAV named it. Nothing there is served or executed. Blocking.
 */
final class Quarantine {
  private final Path dir;

  Quarantine(Path dir) {
    this.dir = dir;
  }

  /** Moves {@code file} in and records it. */
  Quarantined keep(Path file, String blade, String path, String signature, java.time.Instant at) throws IOException {
    Files.createDirectories(dir);
    String id = at.toEpochMilli() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Path to = dir.resolve(id);
    Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    Quarantined q = new Quarantined(blade, path, signature, Files.size(to), at, id);
    Path meta = dir.resolve(id + ".json.tmp");
    Files.write(meta, Json.bytes(q));
    Files.move(meta, dir.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
    return q;
  }

  /** What is in quarantine, newest first. */
  List<Quarantined> list() {
    List<Quarantined> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        try {
          out.add(Json.mapper().readValue(f.toFile(), Quarantined.class));
        } catch (IOException ignored) {
          // a record half written when the blade stopped
        }
      }
    } catch (IOException ignored) {
      // unreadable: nothing listed
    }
    out.sort(Comparator.comparing(Quarantined::at).reversed());
    return out;
  }
}
