package dci.protocol.aims;

/** One blade's answer to {@code GET /api/aims/audit}: its report, or why there is none. */
public record AuditRow(String blade, AuditReport report, String error) {}
