package dci.storage.vnas;

/**
 * One stripe of a file: its content address (SHA-256, lower-case hex) and length. Where its
 * replicas live is kept apart, in the location table ({@link VnasIndex#holders}).
 */
public record StripeRef(String hash, int size) implements dci.protocol.DciSerializable {
  private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");

  public StripeRef {
    requireHash(hash);
    if (size < 0) {
      throw new IllegalArgumentException("negative stripe size");
    }
  }

  /** Checks a stripe id taken from outside (URL, peer): 64 lower-case hex digits. */
  public static String requireHash(String hash) {
    if (hash == null || !HEX.matcher(hash).matches()) {
      throw new IllegalArgumentException("a stripe id is 64 lower-case hex digits");
    }
    return hash;
  }
}
