package dci.storage.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * This blade's store of other blades' backups ({@code DATA/backup/store/}): chunk packs and
 * per-source catalogs. Separate from the VNAS. Blocking; callers use the I/O dispatcher.
 */
public final class BackupStore {
  private final PackStore packs;
  private final CatalogStore catalogs;
  private final Duration gcGrace;

  public BackupStore(Path root, Duration gcGrace) {
    this.packs = new PackStore(root);
    this.catalogs = new CatalogStore(root);
    this.gcGrace = gcGrace;
  }

  public PackStore packs() {
    return packs;
  }

  public CatalogStore catalogs() {
    return catalogs;
  }

  /** Removes chunks no archive held here needs (in packs older than the grace period). */
  public synchronized PackStore.Collected collect() throws IOException {
    return packs.collect(catalogs.referencedChunks(), gcGrace);
  }

  public PeerClient.Catalog catalog(String source) throws IOException {
    return new PeerClient.Catalog(catalogs.list(source), catalogs.forgotten(source).stream().sorted().toList());
  }

  public Map<String, Object> stats() throws IOException {
    return Map.of("chunks", packs.chunkCount(), "bytes", packs.bytesOnDisk(), "sources", catalogs.sources());
  }
}
