package dci.protocol.backup;

/** Body of {@code POST /api/backup/run}: the blade to back up now. */
public record BladeRequest(String blade) {}
