package dci.storage.backup;

import com.github.luben.zstd.Zstd;
import dci.protocol.auth.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalogs a blade keeps for the blades it backs up: per source blade, each archive as
 * {@code catalogs/SOURCE/ID.files} (its file entries, zstd-compressed JSON) and {@code ID.json}
 * (the archive itself, written last: an archive whose summary is present is complete). A
 * forgotten archive leaves {@code ID.forgotten}, so a peer that was away learns of it.
 */
public final class CatalogStore {
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z-]{0,63}");
  private final Path root;

  public CatalogStore(Path storeRoot) {
    this.root = storeRoot.resolve("catalogs");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String requireId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("invalid archive id '" + Names.printable(String.valueOf(id)) + "'");
    }
    return id;
  }

  private Path dir(String source) {
    return root.resolve(Names.requireBladeName(source));
  }

  /** The source's archives held here, oldest first. */
  public List<Archive> list(String source) throws IOException {
    Path d = dir(source);
    List<Archive> out = new ArrayList<>();
    if (!Files.isDirectory(d)) {
      return out;
    }
    try (var files = Files.list(d)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(".json")) {
          out.add(BackupJson.read(Files.readAllBytes(p), Archive.class));
        }
      }
    }
    out.sort(Comparator.comparing(Archive::time).thenComparing(Archive::id));
    return out;
  }

  /** Ids of the source's archives forgotten by aging. */
  public Set<String> forgotten(String source) throws IOException {
    Path d = dir(source);
    Set<String> out = new HashSet<>();
    if (Files.isDirectory(d)) {
      try (var files = Files.list(d)) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".forgotten"))
            .forEach(n -> out.add(n.substring(0, n.length() - ".forgotten".length())));
      }
    }
    return out;
  }

  public List<String> sources() throws IOException {
    try (var dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The archive with its files, or null if this blade does not hold it. */
  public Manifest get(String source, String id) throws IOException {
    Path d = dir(source);
    Path summary = d.resolve(requireId(id) + ".json");
    if (!Files.exists(summary)) {
      return null;
    }
    Archive a = BackupJson.read(Files.readAllBytes(summary), Archive.class);
    byte[] packed = Files.readAllBytes(d.resolve(id + ".files"));
    long size = Zstd.getFrameContentSize(packed);
    if (size < 0 || size > Integer.MAX_VALUE - 16) {
      throw new IOException("catalog " + id + " is damaged");
    }
    return new Manifest(a, BackupJson.read(Zstd.decompress(packed, (int) size), BackupJson.FILES));
  }

  /** Stores (or replaces) an archive durably; refuses one this blade has seen forgotten. */
  public synchronized void put(Manifest m) throws IOException {
    Archive a = m.archive();
    Path d = dir(a.blade());
    requireId(a.id());
    Files.createDirectories(d);
    if (Files.exists(d.resolve(a.id() + ".forgotten"))) {
      return;
    }
    for (ArchiveFile f : m.files()) {
      SafePaths.check(f.path());
      for (String c : f.chunks()) {
        if (!ChunkRecord.isHash(c)) {
          throw new IllegalArgumentException("archive " + a.id() + " names an invalid chunk id");
        }
      }
    }
    writeDurably(d.resolve(a.id() + ".files"), Zstd.compress(BackupJson.write(m.files()), 3));
    writeDurably(d.resolve(a.id() + ".json"), BackupJson.write(a));
  }

  /** Forgets an archive: removes it and remembers that it was forgotten. */
  public synchronized void forget(String source, String id) throws IOException {
    Path d = dir(source);
    requireId(id);
    Files.createDirectories(d);
    writeDurably(d.resolve(id + ".forgotten"), new byte[0]);
    Files.deleteIfExists(d.resolve(id + ".json"));
    Files.deleteIfExists(d.resolve(id + ".files"));
  }

  /** Every chunk any archive held here needs (what garbage collection keeps). */
  public Set<String> referencedChunks() throws IOException {
    Set<String> out = new HashSet<>();
    for (String s : sources()) {
      for (Archive a : list(s)) {
        Manifest m = get(s, a.id());
        if (m != null) {
          m.files().forEach(f -> out.addAll(f.chunks()));
        }
      }
    }
    return out;
  }

  private static void writeDurably(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
