package dci.app.failover;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code dci.failover}: how often the coordinator looks, how long a probe may take, how long a
 * desk waits for a restore, and the method per blade ("auto" lets the plan decide).
 */
public record FailoverSettings(Duration tick, Duration probeTimeout, Duration deskHold, Duration copyTimeout,
    Duration writeTimeout, FailoverMethod defaultMethod, Map<String, FailoverMethod> methods, boolean enabled) {

  public static FailoverSettings from(Config config) {
    Config c = config.getConfig("dci.failover");
    Map<String, FailoverMethod> per = new HashMap<>();
    Config m = c.getConfig("methods");
    for (String blade : m.root().keySet()) {
      String v = m.getString(blade);
      if (!v.equals("auto")) {
        per.put(blade, FailoverMethod.parse(v));
      }
    }
    String method = c.getString("method");
    return new FailoverSettings(c.getDuration("tick"), c.getDuration("probe-timeout"), c.getDuration("desk-hold"),
        c.getDuration("copy-timeout"), c.getDuration("write-timeout"),
        method.equals("auto") ? null : FailoverMethod.parse(method), Map.copyOf(per), c.getBoolean("enabled"));
  }

  /** The configured method of {@code blade}, null for "auto". */
  public FailoverMethod methodOf(String blade) {
    return methods.getOrDefault(blade, defaultMethod);
  }
}
