package dci.storage.backup;

import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which blades hold a source blade's archives: those the admin named, else chosen by
 * rendezvous hashing among the blades that are members (Up, or Unreachable but not yet
 * Down, so a peer that is briefly away stays a peer and catches up by peersync): {@code
 * replicas - remote} in the source's data center, {@code remote} in others, topping up from
 * the other side when one side has too few. Under the mirror method, spare blades (role
 * {@value #SPARE_ROLE}) come first: the mirror then keeps a spare current, so a failed blade's
 * replacement already holds its data (the seed's pre-copied fail-over, Fig. 7). Pure and deterministic: every blade computes the
 * same peers.
 */
public final class PeerChoice {
  /** The role of a blade kept idle to replace a failed one. */
  public static final String SPARE_ROLE = "spare";

  private PeerChoice() {}

  public static List<String> peers(String source, String sourceDc, List<BladeInfo> blades, BackupConfig config) {
    if (!config.peers().isEmpty()) {
      return config.peers().stream().filter(p -> !p.equals(source)).toList();
    }
    List<BladeInfo> members = blades.stream()
        .filter(b -> !b.name().equals(source))
        .filter(b -> b.status() == BladeStatus.Up || b.status() == BladeStatus.Unreachable)
        .sorted(Comparator.comparing((BladeInfo b) -> config.method() == BackupMethod.mirror
                && !b.roles().contains(SPARE_ROLE))
            .thenComparingLong((BladeInfo b) -> -score(source, b.name())).thenComparing(BladeInfo::name))
        .toList();
    List<BladeInfo> local = members.stream().filter(b -> b.dataCenter().equals(sourceDc)).toList();
    List<BladeInfo> remote = members.stream().filter(b -> !b.dataCenter().equals(sourceDc)).toList();
    int wantRemote = Math.min(config.remote(), remote.size());
    int wantLocal = Math.min(config.replicas() - wantRemote, local.size());
    wantRemote = Math.min(config.replicas() - wantLocal, remote.size());
    List<String> out = new ArrayList<>();
    local.stream().limit(wantLocal).forEach(b -> out.add(b.name()));
    remote.stream().limit(wantRemote).forEach(b -> out.add(b.name()));
    return out;
  }

  private static long score(String source, String blade) {
    byte[] d = ChunkRecord.sha256().digest((source + "|" + blade).getBytes(StandardCharsets.UTF_8));
    return java.nio.ByteBuffer.wrap(d).getLong();
  }
}
