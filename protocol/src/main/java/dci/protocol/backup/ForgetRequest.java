package dci.protocol.backup;

/** Body of {@code POST /api/backup/forget}: apply the blade's aging policy now (or only say what it would forget). */
public record ForgetRequest(String blade, Boolean dryRun) {}
