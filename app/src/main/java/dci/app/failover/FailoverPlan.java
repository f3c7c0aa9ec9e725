package dci.app.failover;

import dci.hardware.body.Reading;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.BackupMethod;
import dci.storage.backup.PeerChoice;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fail-over's decisions, pure: which spares are free, which one replaces a failed blade, by
 * which method, whether a blade is due for a fail-over and whether a replacement is lost.
 */
public final class FailoverPlan {
  private FailoverPlan() {}

  /**
   * True when a fail-over of {@code b} began after it last came up and is under way, done, or
   * failed too recently to try again (see {@link FailoverSettings#retryAfter(int)}); with
   * {@code stillUp}, one that found no user to move counts as failed.
   */
  public static boolean hasRecordSince(Collection<FailoverRecord> records, BladeInfo b, boolean stillUp, Instant now,
      FailoverSettings settings) {
    List<FailoverRecord> since = records.stream().filter(r -> r.failed().equals(b.name())
        && (b.upSince() == null || r.started().isAfter(b.upSince()))).toList();
    // a blade still up that had no user when its fail-over ran may have been given one since:
    // that "nothing to move" counts like a failed attempt, tried again later
    if (since.stream().anyMatch(r -> !r.state().equals("failed") && !(stillUp && r.state().equals("done")
        && r.users().isEmpty()))) {
      return true;
    }
    Instant lastEnd = since.stream().map(r -> r.ended() == null ? r.started() : r.ended())
        .max(Instant::compareTo).orElse(null);
    return lastEnd != null && now.isBefore(lastEnd.plus(settings.retryAfter(since.size())));
  }

  /**
   * Confirmed lost, as {@code self} sees it: suspected after its probe, or no longer a member
   * (neither Up nor Unreachable).
   */
  public static boolean lost(String blade, String self, Set<String> suspects, List<BladeInfo> blades) {
    return !blade.equals(self) && (suspects.contains(blade) || blades.stream().noneMatch(b -> b.name().equals(blade)
        && (b.status() == BladeStatus.Up || b.status() == BladeStatus.Unreachable)));
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
