package dci.app.packages;

import com.fasterxml.jackson.core.type.TypeReference;
import dci.protocol.Json;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packages this blade follows (keeps at their newest published version), persisted in
 * {@code DATA/packages/follows.json} as a JSON array of names. Reads are from memory; changes
 * write the file (blocking: call them off the actor threads). Thread-safe.
 */
public final class Follows {
  private static final int MAX = 10_000;
  private final Path file;
  private final Set<String> names = new TreeSet<>();

  private Follows(Path file) {
    this.file = file;
  }

  /** Reads {@code file} (absent: follows nothing); an unreadable file is refused, not overwritten. */
  public static Follows load(Path file) {
    Follows f = new Follows(file);
    if (Files.isRegularFile(file)) {
      try {
        List<String> list = Json.mapper().readValue(file.toFile(), new TypeReference<List<String>>() {});
        for (String n : list) {
          f.names.add(PackageNames.requirePackage(n));
        }
      } catch (IOException | PackageException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return f;
  }

  public synchronized boolean follows(String name) {
    return names.contains(name);
  }

  public synchronized List<String> names() {
    return List.copyOf(names);
  }

  /** Follows {@code name} (or stops); answers whether anything changed. */
  public synchronized boolean set(String name, boolean follow) {
    PackageNames.requirePackage(name);
    boolean changed = follow ? names.add(name) : names.remove(name);
    if (!changed) {
      return false;
    }
    if (names.size() > MAX) {
      names.remove(name);
      throw new PackageException("this blade follows " + MAX + " packages already");
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, Json.bytes(List.copyOf(names)));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      if (follow) {
        names.remove(name);
      } else {
        names.add(name);
      }
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
