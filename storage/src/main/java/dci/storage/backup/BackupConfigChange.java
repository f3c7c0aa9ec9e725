package dci.storage.backup;

import dci.storage.backup.Aging;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.BackupMethod;
import java.util.List;

/**
 * A change to a blade's backup settings ({@code PUT /api/backup/config}): fields left out
 * keep their value; a list given replaces the list; an empty string clears root or schedule.
 */
record BackupConfigChange(String blade, String root, List<String> excludeDirs, List<String> excludeExts,
    Integer replicas, Integer remote, List<String> peers, String method, String schedule, String keepWithin,
    Integer keepLast, Integer keepDaily, Integer keepWeekly) {

  BackupConfig applyTo(BackupConfig old) {
    Aging a = old.aging();
    Aging aging = new Aging(
        keepWithin == null ? a.keepWithin() : keepWithin.isBlank() ? null : keepWithin,
        keepLast == null ? a.keepLast() : keepLast < 0 ? null : keepLast,
        keepDaily == null ? a.keepDaily() : keepDaily < 0 ? null : keepDaily,
        keepWeekly == null ? a.keepWeekly() : keepWeekly < 0 ? null : keepWeekly);
    return new BackupConfig(
        root == null ? old.root() : root,
        excludeDirs == null ? old.excludeDirs() : excludeDirs,
        excludeExts == null ? old.excludeExts() : excludeExts,
        replicas == null ? old.replicas() : replicas,
        remote == null ? old.remote() : remote,
        peers == null ? old.peers() : peers,
        method == null ? old.method() : BackupMethod.parse(method),
        schedule == null ? old.schedule() : schedule,
        aging);
  }
}
