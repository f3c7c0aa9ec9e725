package dci.app.failover;

import dci.hardware.body.Reading;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.BackupMethod;
import dci.storage.backup.PeerChoice;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fail-over's decisions, pure so every blade reaches the same ones: who coordinates,
 * which spares are free, which one replaces a failed blade, and by which method.
 */
public final class FailoverPlan {
  private FailoverPlan() {}

  /**
   * The coordinator: the first blade by name among those Up and not suspected. Every blade
   * computes it from its own view; when the coordinator's blade is lost the next one is it.
   */
  public static Optional<String> coordinator(List<BladeInfo> blades, Set<String> suspects) {
    return blades.stream().filter(b -> b.status() == BladeStatus.Up && !suspects.contains(b.name()))
        .map(BladeInfo::name).min(Comparator.naturalOrder());
  }

  /**
   * Spares free to take a failed blade's place: Up blades with role {@code spare} or added by
   * an operator ({@code marks} "added"), not removed and not already in service for another.
   */
  public static List<BladeInfo> freeSpares(List<BladeInfo> blades, Map<String, String> marks, Set<String> suspects) {
    return blades.stream()
        .filter(b -> b.status() == BladeStatus.Up && !suspects.contains(b.name()))
        .filter(b -> {
          String mark = marks.get(b.name());
          if (mark == null) {
            return b.roles().contains(PeerChoice.SPARE_ROLE);
          }
          return mark.equals("added");
        })
        .sorted(Comparator.comparing(BladeInfo::name)).toList();
  }

  /**
   * The spare to replace {@code failed}: one outside the cages that lost power first (a spare
   * there has died with them, mirror or not), then one holding its mirror (its data is there
   * already), then by name.
   */
  public static Optional<String> chooseSpare(String failed, List<BladeInfo> spares, List<String> mirrorPeers,
      Map<String, Reading> health, Collection<String> lostCages) {
    return spares.stream().filter(s -> !s.name().equals(failed))
        .sorted(Comparator.comparing((BladeInfo s) -> cageOf(s.name(), health).map(lostCages::contains).orElse(false))
            .thenComparing(s -> !mirrorPeers.contains(s.name()))
            .thenComparing(BladeInfo::name))
        .map(BladeInfo::name).findFirst();
  }

  /**
   * How to move: a blade failing but alive is copied first (Fig. 6); a dead one whose backup is
   * a mirror onto the replacement is switched at once (Fig. 7); otherwise its latest backup is
   * restored from the blades holding it (Fig. 8). {@code configured} (not null) wins.
   */
  public static FailoverMethod method(boolean stillReadable, BackupConfig backup, boolean replacementHoldsMirror,
      FailoverMethod configured) {
    if (configured != null) {
      return configured;
    }
    if (stillReadable) {
      return FailoverMethod.copy_after_detection;
    }
    return backup.method() == BackupMethod.mirror && replacementHoldsMirror
        ? FailoverMethod.pre_copied : FailoverMethod.from_backup;
  }

  static Optional<String> cageOf(String blade, Map<String, Reading> health) {
    return Optional.ofNullable(health.get(blade)).map(Reading::cage);
  }
}
