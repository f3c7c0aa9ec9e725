package dci.protocol.failover;

/**
 * Body of {@code POST /api/spares}: the blade to put in the spare pool. A {@code reason} may be
 * given (it has always been accepted) but is not kept.
 */
public record SpareRequest(String blade, String reason) {
  public SpareRequest(String blade) {
    this(blade, null);
  }
}
