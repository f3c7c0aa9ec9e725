package dci.protocol.backup;

import dci.protocol.api.ApiRoute;
import java.util.List;

/** The backup feature's routes under {@code /api/backup} (blade to blade: {@code /internal/backup}, not listed). */
public final class BackupApi {
  private BackupApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("backup", List.of(
      ApiRoute.of("GET", "/api/backup/config?blade=B", "viewer", null, ConfigView.class, "a blade's settings"),
      ApiRoute.of("PUT", "/api/backup/config", "admin", BackupConfigChange.class, ConfigView.class,
          "change a blade's settings (fields left out stay)"),
      ApiRoute.mapOf("GET", "/api/backup/configs", "viewer", null, BackupSettings.class,
          "every configured blade's settings, by blade"),
      ApiRoute.of("POST", "/api/backup/run", "operator", BladeRequest.class, BackupJob.class,
          "a run on that blade (joins the run under way); result: RunResult"),
      ApiRoute.of("POST", "/api/backup/restore", "admin", RestoreRequest.class, BackupJob.class,
          "a restore on the restoring blade; result: RestoreResult"),
      ApiRoute.of("POST", "/api/backup/check", "operator", CheckRequest.class, BackupJob.class,
          "a check of the blade's peers; result: CheckResult"),
      ApiRoute.of("POST", "/api/backup/forget", "admin", ForgetRequest.class, BackupJob.class,
          "an aging pass now; result: ForgetResult"),
      ApiRoute.listOf("GET", "/api/backup/jobs?blade=B", "viewer", null, BackupJob.class,
          "the blade's recent jobs (runs, restores, checks, aging passes), newest first"),
      ApiRoute.of("GET", "/api/backup/jobs/ID?blade=B", "viewer", null, BackupJob.class, "polls a job"),
      ApiRoute.listOf("GET", "/api/backup/archives?blade=B", "viewer", null, ArchiveRow.class,
          "the blade's archives, oldest first, with the peers holding them"),
      ApiRoute.of("GET", "/api/backup/archives/ID?blade=B", "viewer", null, ArchiveContents.class,
          "an archive's files, sizes and dates"),
      // the results a job's result text holds, by kind, so that they are documented too
      ApiRoute.of("-", "BackupJob.result: run", "-", null, RunResult.class, "BackupJob.result of a run"),
      ApiRoute.of("-", "BackupJob.result: restore", "-", null, RestoreResult.class, "BackupJob.result of a restore"),
      ApiRoute.of("-", "BackupJob.result: check", "-", null, CheckResult.class, "BackupJob.result of a check"),
      ApiRoute.of("-", "BackupJob.result: forget", "-", null, ForgetResult.class, "BackupJob.result of an aging pass")));
}
