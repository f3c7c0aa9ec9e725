package dci.protocol.aims;

/**
 * The fail-over's impending-failure rules (the blade body's health levels), as
 * {@code GET /api/aims/health-rules} shows them and {@code PUT} changes them (absent fields keep
 * their value). Over a level: a warning; over a limit, or a disk error rate over its warning
 * that rose at each of the last trend-samples samples: an impending failure (the user is moved).
 *
 * @param source {@code cluster} (set through AIMS, the same on every blade) or {@code config}
 *     (each blade's dci.body.health); ignored in a PUT
 */
public record HealthLevels(String source, Double temperatureWarning, Double temperatureLimit, Double diskErrorWarning,
    Double diskErrorLimit, Long slowProbeMillis, Integer trendSamples) {}
