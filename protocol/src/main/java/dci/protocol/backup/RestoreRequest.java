package dci.protocol.backup;

import java.util.List;

/**
 * Body of {@code POST /api/backup/restore}: restore the blade's archives up to {@code upto}, onto
 * {@code toBlade} or into {@code target}, only {@code files} (globs) if given.
 */
public record RestoreRequest(String blade, String upto, String toBlade, String target, List<String> files) {}
