package dci.protocol.backup;

/** Body of {@code POST /api/backup/check}: check that the peers hold the blade's archives (and re-read every chunk). */
public record CheckRequest(String blade, Boolean readData) {}
