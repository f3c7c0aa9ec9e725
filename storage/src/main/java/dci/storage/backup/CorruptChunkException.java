package dci.storage.backup;

/** A chunk whose bytes do not match its hash (bit rot, a torn write, tampering). */
public final class CorruptChunkException extends RuntimeException {
  private final String hash;

  public CorruptChunkException(String hash, String why) {
    super("chunk " + hash.substring(0, Math.min(12, hash.length())) + " is corrupt: " + why);
    this.hash = hash;
  }

  public String hash() {
    return hash;
  }
}
