package dci.protocol.aims;

import java.time.Instant;

/** An alert in force, as {@code GET /api/aims/alerts} lists it: its key (for clearing it) and the alert. */
public record AlertInForce(String key, String rule, String blade, String metric, double value, String message,
    Instant raisedAt) {}
