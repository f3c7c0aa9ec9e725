package dci.storage.backup;

import dci.protocol.backup.ArchiveInfo;
import dci.protocol.backup.BackupJob;
import dci.protocol.backup.BackupSettings;

/** The backup feature's own records as the API's wire contract ({@code dci.protocol.backup}) shows them. */
final class BackupWire {
  private BackupWire() {}

  static BackupSettings settings(BackupConfig c) {
    Aging a = c.aging();
    return new BackupSettings(c.root(), c.excludeDirs(), c.excludeExts(), c.replicas(), c.remote(), c.peers(),
        c.method().name(), c.schedule(),
        new BackupSettings.Aging(a.keepWithin(), a.keepLast(), a.keepDaily(), a.keepWeekly()));
  }

  static ArchiveInfo archive(Archive a) {
    return new ArchiveInfo(a.id(), a.blade(), a.time(), a.parent(), a.method().name(), a.files(), a.bytes(),
        a.newBytes(), a.deleted(), a.peers(), a.skipped(), a.revision());
  }

  static BackupJob job(JobView j) {
    return new BackupJob(j.id(), j.blade(), j.kind(), j.state(), j.phase(), j.filesDone(), j.filesTotal(),
        j.bytesDone(), j.bytesTotal(), j.error(), j.result());
  }
}
