package dci.storage.backup;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The source blade's own note of its tree as of its last archive, so a delta needs no
 * manifests from the peers. Only a cache: when it is missing or names another last archive
 * than the peers do, the tree is rebuilt from the peers' catalogs.
 */
public final class StateCache {
  record State(String last, List<ArchiveFile> files) {}

  private final Path file;

  public StateCache(Path file) {
    this.file = file;
  }

  /** The tree after archive {@code last}, or null if this cache does not know it. */
  public Map<String, ArchiveFile> load(String last) {
    if (last == null) {
      return new TreeMap<>();
    }
    try {
      byte[] packed = Files.readAllBytes(file);
      State s = BackupJson.read(Zstd.decompress(packed, (int) Zstd.getFrameContentSize(packed)), State.class);
      if (!last.equals(s.last())) {
        return null;
      }
      Map<String, ArchiveFile> view = new TreeMap<>();
      s.files().forEach(f -> view.put(f.path(), f));
      return view;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public void save(String last, Map<String, ArchiveFile> view) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, Zstd.compress(BackupJson.write(new State(last, List.copyOf(view.values()))), 3));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
