package dci.storage.backup;

import dci.protocol.DciSerializable;
import java.time.Instant;
import java.util.List;

/**
 * One archive of a blade's backup, as every peer's catalog lists it.
 *
 * @param id unique, ordered by time ({@code yyyyMMdd-HHmmss-SSS-xxxx})
 * @param blade the source blade
 * @param time when the run started
 * @param parent the archive this one follows (null for the first)
 * @param method how it was made
 * @param files file entries it carries (changed files for a delta; the whole tree for a snapshot)
 * @param bytes total size of those files
 * @param newBytes bytes of chunks the peers did not hold before (stored form)
 * @param deleted deletions it records
 * @param peers the blades it was stored on
 * @param skipped files left out because they kept changing while being read (the parent's copy stays)
 * @param revision 0 as made; raised each time aging folds forgotten archives into it (a peer
 *     holding an older revision replaces its copy during peersync)
 */
public record Archive(String id, String blade, Instant time, String parent, BackupMethod method, int files,
    long bytes, long newBytes, int deleted, List<String> peers, List<String> skipped, int revision) implements DciSerializable {

  public Archive {
    peers = peers == null ? List.of() : List.copyOf(peers);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  public Archive withPeers(List<String> p) {
    return new Archive(id, blade, time, parent, method, files, bytes, newBytes, deleted, p, skipped, revision);
  }

  public Archive withContent(int f, long b, int d, String newParent) {
    return new Archive(id, blade, time, newParent, method, f, b, newBytes, d, peers, skipped, revision + 1);
  }
}
