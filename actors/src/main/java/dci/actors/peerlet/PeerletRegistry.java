package dci.actors.peerlet;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app types a blade can start. Built-in peerlets are registered at start; installed
 * ones (software installation) are added and removed later. Thread-safe: the API reads it too.
 * Each blade has its own ({@link #copy}), so what one blade installs does not appear on
 * another blade that shares its JVM.
 */
public final class PeerletRegistry {
  private final Map<String, PeerletType> types = new ConcurrentHashMap<>();

  public PeerletRegistry register(PeerletType type) {
    types.put(type.appType(), type);
    return this;
  }

  /** Removes {@code appType}; running instances go on until they stop, new envelopes find no type. */
  public boolean unregister(String appType) {
    return types.remove(appType) != null;
  }

  public Optional<PeerletType> find(String appType) {
    return Optional.ofNullable(types.get(appType));
  }

  public Collection<PeerletType> all() {
    return types.values();
  }

  /** A new registry holding the same types, to be changed on its own. */
  public PeerletRegistry copy() {
    PeerletRegistry r = new PeerletRegistry();
    r.types.putAll(types);
    return r;
  }
}
