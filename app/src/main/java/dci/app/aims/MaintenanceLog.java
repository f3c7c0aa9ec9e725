package dci.app.aims;

import dci.protocol.Json;
import dci.protocol.aims.MaintenanceResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A blade's maintenance history, {@code DATA/aims/maintenance.jsonl}: one result a line, the
 * newest {@value #KEEP} kept. Blocking; one writer (the blade's maintenance scheduler).
 */
final class MaintenanceLog {
  static final int KEEP = 1000;
  private final Path file;

  MaintenanceLog(Path file) {
    this.file = file;
  }

  synchronized void add(MaintenanceResult r) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, (new String(Json.bytes(r), java.nio.charset.StandardCharsets.UTF_8) + "\n").getBytes(
        java.nio.charset.StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    List<String> lines = Files.readAllLines(file);
    if (lines.size() > KEEP * 2) {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, lines.subList(lines.size() - KEEP, lines.size()));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The results of {@code job} (null: every job), newest first, at most {@code limit}. */
  synchronized List<MaintenanceResult> list(String job, int limit) {
    List<MaintenanceResult> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
        try {
          MaintenanceResult r = Json.mapper().readValue(lines.get(i), MaintenanceResult.class);
          if (job == null || job.equals(r.job())) {
            out.add(r);
          }
        } catch (IOException ignored) {
          // a line cut short when the blade stopped
        }
      }
    } catch (IOException ignored) {
      // unreadable: nothing listed
    }
    return out;
  }
}
