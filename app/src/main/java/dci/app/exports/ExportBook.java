package dci.app.exports;

import com.fasterxml.jackson.core.type.TypeReference;
import dci.protocol.Json;
import dci.protocol.fs.ExportSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders this blade exports, kept in {@code DATA/exports.json} (written whole, atomically).
 * Blocking: called on the blade's I/O executor.
 */
final class ExportBook {
  private final String blade;
  private final Path file;
  private List<ExportSpec> exports;

  ExportBook(String blade, Path dataDir) {
    this.blade = blade;
    this.file = dataDir.resolve("exports.json");
  }

  synchronized List<ExportSpec> all() {
    if (exports == null) {
      try {
        exports = Files.exists(file) ? List.copyOf(Json.mapper().readValue(file.toFile(),
            new TypeReference<List<ExportSpec>>() {})) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return exports;
  }

  synchronized Optional<ExportSpec> find(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Adds (or replaces) the export {@code name} of folder {@code path}, which must be a folder here. */
  synchronized ExportSpec add(String name, String path, boolean readOnly) {
    ExportSpec.requireName(name);
    Path folder = Path.of(path);
    if (!folder.isAbsolute()) {
      throw new IllegalArgumentException("the folder to export must be an absolute path, not '" + path + "'");
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("no folder " + path + " on " + blade);
    }
    ExportSpec spec;
    try {
      spec = new ExportSpec(blade, name, folder.toRealPath().toString(), readOnly);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + path + " on " + blade + ": " + e.getMessage());
    }
    List<ExportSpec> next = new ArrayList<>(all().stream().filter(e -> !e.name().equals(name)).toList());
    next.add(spec);
    save(next);
    return spec;
  }

  /** Removes the export {@code name}; false if there was none. */
  synchronized boolean remove(String name) {
    List<ExportSpec> next = all().stream().filter(e -> !e.name().equals(name)).toList();
    if (next.size() == all().size()) {
      return false;
    }
    save(next);
    return true;
  }

  private void save(List<ExportSpec> next) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, Json.bytes(next));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      exports = List.copyOf(next);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
