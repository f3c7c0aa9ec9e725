package dci.storage.backup;

import java.util.List;

/** An archive and its file entries: what a peer stores in its catalog for the source blade. */
public record Manifest(Archive archive, List<ArchiveFile> files) {
  public Manifest {
    files = List.copyOf(files);
  }
}
