package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A backup job as its blade reports it (reply of the job routes and of {@code GET
 * /api/backup/jobs/ID}).
 *
 * @param state {@code running}, {@code done} or {@code failed}
 * @param result the outcome as JSON text when done: a {@link RunResult}, {@link RestoreResult},
 *     {@link CheckResult} or {@link ForgetResult}, by {@code kind}
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupJob(String id, String blade, String kind, String state, String phase, long filesDone,
    long filesTotal, long bytesDone, long bytesTotal, String error, String result) {}
