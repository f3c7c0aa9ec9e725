package dci.protocol.backup;

import java.util.List;

/**
 * Body of {@code PUT /api/backup/config}: a change to a blade's backup settings. Fields left out
 * keep their value; a list given replaces the list; an empty string clears root or schedule; a
 * negative keep count unsets it.
 */
public record BackupConfigChange(String blade, String root, List<String> excludeDirs, List<String> excludeExts,
    Integer replicas, Integer remote, List<String> peers, String method, String schedule, String keepWithin,
    Integer keepLast, Integer keepDaily, Integer keepWeekly) {}
