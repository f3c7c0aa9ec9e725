package dci.storage.vnas;

/**
 * A placement rule set for the whole cluster (replicated, durable): files under {@code folder}
 * keep {@code replicas} copies of each stripe, cut at {@code stripeSize} bytes (0: the default).
 */
public record VnasRule(String folder, int replicas, long stripeSize, String setBy, long setAt)
    implements dci.protocol.DciSerializable {

  /** Most replicas a rule may ask for. */
  public static final int MAX_REPLICAS = 16;

  public VnasRule {
    VnasPath.parse(folder);
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS);
    }
    if (stripeSize < 0 || stripeSize > VnasSettings.MAX_STRIPE) {
      throw new IllegalArgumentException("a stripe size must be between 1 byte and 64 MiB");
    }
  }
}
