package dci.app.failover;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code dci.failover}: how often the coordinator looks, how long a probe may take, how long a
 * desk waits for a restore, the method per blade ("auto" lets the plan decide), and the data
 * center whose oldest blade running fail-over hosts the coordinator.
 *
 * @param methods the blades given a method of their own
 * @param autoBlades the blades given "auto" of their own: the plan decides for them even when
 *     {@code defaultMethod} names a method for every other blade
 * @param retryAfter how long after a failed fail-over of a blade the next attempt starts (doubling
 *     with each failed attempt, at most {@link #MAX_RETRY_AFTER})
 * @param dataCenter where the coordinator runs: Pekko runs a cluster singleton per data center,
 *     so every blade names the same one and blades of other data centers reach it there
 */
public record FailoverSettings(Duration tick, Duration probeTimeout, Duration deskHold, Duration copyTimeout,
    Duration writeTimeout, FailoverMethod defaultMethod, Map<String, FailoverMethod> methods, boolean enabled,
    Set<String> autoBlades, Duration retryAfter, String dataCenter) {
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  /** Pekko's name of the data center of a blade that names none. */
  public static final String DEFAULT_DATA_CENTER = "default";

  public FailoverSettings {
    methods = methods == null ? Map.of() : Map.copyOf(methods);
    autoBlades = autoBlades == null ? Set.of() : Set.copyOf(autoBlades);
    retryAfter = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
    dataCenter = dataCenter == null || dataCenter.isBlank() ? DEFAULT_DATA_CENTER : dataCenter;
  }

  public FailoverSettings(Duration tick, Duration probeTimeout, Duration deskHold, Duration copyTimeout,
      Duration writeTimeout, FailoverMethod defaultMethod, Map<String, FailoverMethod> methods, boolean enabled,
      Set<String> autoBlades, Duration retryAfter) {
    this(tick, probeTimeout, deskHold, copyTimeout, writeTimeout, defaultMethod, methods, enabled, autoBlades,
        retryAfter, null);
  }

  public FailoverSettings(Duration tick, Duration probeTimeout, Duration deskHold, Duration copyTimeout,
      Duration writeTimeout, FailoverMethod defaultMethod, Map<String, FailoverMethod> methods, boolean enabled,
      Set<String> autoBlades) {
    this(tick, probeTimeout, deskHold, copyTimeout, writeTimeout, defaultMethod, methods, enabled, autoBlades, null);
  }

  /** No blade with "auto" of its own. */
  public FailoverSettings(Duration tick, Duration probeTimeout, Duration deskHold, Duration copyTimeout,
      Duration writeTimeout, FailoverMethod defaultMethod, Map<String, FailoverMethod> methods, boolean enabled) {
    this(tick, probeTimeout, deskHold, copyTimeout, writeTimeout, defaultMethod, methods, enabled, Set.of());
  }

  public static FailoverSettings from(Config config) {
    Config c = config.getConfig("dci.failover");
    Map<String, FailoverMethod> per = new HashMap<>();
    Set<String> auto = new HashSet<>();
    Config m = c.getConfig("methods");
    for (String blade : m.root().keySet()) {
      String v = m.getString(blade);
      if (isAuto(v)) {
        auto.add(blade);
      } else {
        per.put(blade, FailoverMethod.parse(v));
      }
    }
    String method = c.getString("method");
    return new FailoverSettings(c.getDuration("tick"), c.getDuration("probe-timeout"), c.getDuration("desk-hold"),
        c.getDuration("copy-timeout"), c.getDuration("write-timeout"),
        isAuto(method) ? null : FailoverMethod.parse(method), per, c.getBoolean("enabled"), auto,
        c.hasPath("retry-after") ? c.getDuration("retry-after") : null,
        c.hasPath("data-center") ? c.getString("data-center") : null);
  }

  /** The wait before attempt {@code failed + 1} after {@code failed} failed attempts. */
  public Duration retryAfter(int failed) {
    Duration d = retryAfter.multipliedBy(1L << Math.min(Math.max(failed - 1, 0), 16));
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  private static boolean isAuto(String method) {
    return method.trim().equalsIgnoreCase("auto");
  }

  /** The configured method of {@code blade}, null for "auto". */
  public FailoverMethod methodOf(String blade) {
    return autoBlades.contains(blade) ? null : methods.getOrDefault(blade, defaultMethod);
  }
}
