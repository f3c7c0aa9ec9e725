package dci.storage.vnas;

/**
 * A WebDAV lock, replicated so that every mount point honours it.
 *
 * @param token the lock token URI ({@code opaquelocktoken:UUID})
 * @param root the locked path
 * @param infinite depth infinity (covers everything below a collection)
 * @param exclusive exclusive or shared
 * @param owner the client's owner XML, as given
 * @param principal the DCI user who took it
 * @param expires epoch milliseconds
 * @param timeoutSeconds the timeout granted
 */
public record VnasLock(String token, String root, boolean infinite, boolean exclusive, String owner,
    String principal, long expires, long timeoutSeconds) implements dci.protocol.DciSerializable {

  /** True if the lock covers {@code path} (the root itself, or below it with depth infinity). */
  public boolean covers(VnasPath path) {
    VnasPath r = VnasPath.parse(root);
    return r.equals(path) || (infinite && r.contains(path));
  }

  public boolean expired(long now) {
    return now >= expires;
  }

  public VnasLock refreshed(long now, long seconds) {
    return new VnasLock(token, root, infinite, exclusive, owner, principal, now + seconds * 1000, seconds);
  }
}
