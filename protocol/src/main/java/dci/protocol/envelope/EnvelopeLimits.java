package dci.protocol.envelope;

/**
 * What an entering envelope may weigh: bytes on the wire and nesting depth of its tree.
 *
 * @param maxBytes size cap of an encoded envelope (default 1 MiB, {@code dci.envelope.max-bytes})
 * @param maxDepth deepest nesting of elements or objects
 */
public record EnvelopeLimits(int maxBytes, int maxDepth) {
  public static final EnvelopeLimits DEFAULT = new EnvelopeLimits(1 << 20, 64);

  public EnvelopeLimits {
    if (maxBytes < 1024 || maxDepth < 4) {
      throw new IllegalArgumentException("envelope limits too small: " + maxBytes + " bytes, depth " + maxDepth);
    }
  }

  void checkSize(int length) {
    if (length > maxBytes) {
      throw new EnvelopeException("envelope of " + length + " bytes is over the " + maxBytes + "-byte limit");
    }
  }
}
