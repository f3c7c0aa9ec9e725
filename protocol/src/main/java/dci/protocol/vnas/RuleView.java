package dci.protocol.vnas;

/**
 * One placement rule as {@code GET /api/vnas/rules} lists it: files under {@code path} keep
 * {@code replicas} copies of each stripe, cut at {@code stripeSize} bytes (null: the blade's
 * default). {@code source} is {@code cluster} (set through the API, the same on every blade) or
 * {@code config} (this blade's configuration file, used only where no cluster rule names the
 * same folder).
 */
public record RuleView(String path, int replicas, Long stripeSize, String source, String setBy, Long setAt) {}
