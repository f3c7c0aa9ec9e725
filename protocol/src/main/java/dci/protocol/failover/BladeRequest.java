package dci.protocol.failover;

/**
 * Body of {@code POST /api/failover/trigger} and {@code POST /api/spares}: a blade, and why
 * ({@code reason} may be left out; a fail-over keeps it in its record, the spare pool ignores it).
 */
public record BladeRequest(String blade, String reason) {
  public BladeRequest(String blade) {
    this(blade, null);
  }
}
