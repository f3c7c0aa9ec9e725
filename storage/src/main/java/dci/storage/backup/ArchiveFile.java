package dci.storage.backup;

import java.util.List;

/**
 * One file of an archive's manifest.
 *
 * @param path relative to the backup root, '/'-separated, never absolute and never with {@code ..}
 * @param size bytes
 * @param mtime last modification, epoch milliseconds
 * @param mode POSIX permissions like {@code rw-r--r--}, or null where the file system has none
 * @param hash SHA-256 over the chunk ids in order (see {@link ChunkRecord#fileHash})
 * @param chunks the content's chunks in order
 * @param deleted true if this entry records that the file was deleted since the parent archive
 */
public record ArchiveFile(String path, long size, long mtime, String mode, String hash, List<String> chunks,
    boolean deleted) {

  public ArchiveFile {
    chunks = chunks == null ? List.of() : List.copyOf(chunks);
  }

  public static ArchiveFile deletion(String path, long when) {
    return new ArchiveFile(path, 0, when, null, null, List.of(), true);
  }

  /** Same content and metadata as {@code other} (what a delta compares). */
  public boolean sameAs(ArchiveFile other) {
    return other != null && !other.deleted && !deleted && size == other.size && mtime == other.mtime
        && java.util.Objects.equals(mode, other.mode);
  }
}
