package dci.storage.backup;

import dci.protocol.DciSerializable;

/**
 * A backup job as its blade reports it.
 *
 * @param state {@code running}, {@code done} or {@code failed}
 * @param result the job's outcome as JSON text when done (an archive, a restore, a check or an aging report)
 */
public record JobView(String id, String blade, String kind, String state, String phase, long filesDone,
    long filesTotal, long bytesDone, long bytesTotal, String error, String result) implements DciSerializable {}
