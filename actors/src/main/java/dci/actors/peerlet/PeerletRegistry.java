package dci.actors.peerlet;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app types a blade can start. Built-in peerlets are registered at start; installed
 * ones (software installation) are added later. Thread-safe: the API reads it too.
 */
public final class PeerletRegistry {
  private final Map<String, PeerletType> types = new ConcurrentHashMap<>();

  public PeerletRegistry register(PeerletType type) {
    types.put(type.appType(), type);
    return this;
  }

  public Optional<PeerletType> find(String appType) {
    return Optional.ofNullable(types.get(appType));
  }

  public Collection<PeerletType> all() {
    return types.values();
  }
}
