package dci.actors.feature;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the kernel and the features started so far provide, by type: a feature that needs
 * another's service (packages need the VNAS, fail-over needs backup) asks for it here, and a
 * blade assembled without that feature fails to start with a clear message.
 */
public final class Services {
  private final Map<Class<?>, Object> byType = new ConcurrentHashMap<>();

  /** Adds {@code service}; a second service of one type is refused (two features clash). */
  public <T> void provide(Class<T> type, T service) {
    Object before = byType.putIfAbsent(type, service);
    if (before != null && before != service) {
      throw new IllegalStateException("two features provide " + type.getSimpleName());
    }
  }

  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(type.cast(byType.get(type)));
  }

  /** The service of {@code type}; fails naming what is missing and who needs it. */
  public <T> T require(Class<T> type, String neededBy) {
    return find(type).orElseThrow(() -> new IllegalStateException("feature " + neededBy + " needs "
        + type.getSimpleName() + ": start the feature that provides it before this one"));
  }
}
