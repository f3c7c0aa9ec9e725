package dci.storage.backup;

import dci.protocol.backup.BackupConfigChange;

/**
 * Applies a change of {@code PUT /api/backup/config} to a blade's settings: fields left out
 * keep their value; a list given replaces the list; an empty string clears root or schedule; a
 * negative keep count unsets it.
 */
final class ConfigChanges {
  private ConfigChanges() {}

  static BackupConfig applyTo(BackupConfigChange c, BackupConfig old) {
    Aging a = old.aging();
    Aging aging = new Aging(
        c.keepWithin() == null ? a.keepWithin() : c.keepWithin().isBlank() ? null : c.keepWithin(),
        c.keepLast() == null ? a.keepLast() : c.keepLast() < 0 ? null : c.keepLast(),
        c.keepDaily() == null ? a.keepDaily() : c.keepDaily() < 0 ? null : c.keepDaily(),
        c.keepWeekly() == null ? a.keepWeekly() : c.keepWeekly() < 0 ? null : c.keepWeekly());
    return new BackupConfig(
        c.root() == null ? old.root() : c.root(),
        c.excludeDirs() == null ? old.excludeDirs() : c.excludeDirs(),
        c.excludeExts() == null ? old.excludeExts() : c.excludeExts(),
        c.replicas() == null ? old.replicas() : c.replicas(),
        c.remote() == null ? old.remote() : c.remote(),
        c.peers() == null ? old.peers() : c.peers(),
        c.method() == null ? old.method() : BackupMethod.parse(c.method()),
        c.schedule() == null ? old.schedule() : c.schedule(),
        aging);
  }
}
