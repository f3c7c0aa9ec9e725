package dci.actors;

import com.typesafe.config.Config;
import dci.actors.tls.Hosts;

/**
 * Where a blade's HTTP API (and WebDAV, desks, blade-to-blade transfers) is reached: HTTPS with
 * the blade's certificate from the cluster CA whenever its address is not loopback
 * ({@code dci.http.https = auto}), or everywhere ({@code on}); plain HTTP only on loopback.
 */
public final class ApiAddress {
  private ApiAddress() {}

  /** True when the blade serves HTTPS (and only HTTPS). */
  public static boolean https(BladeSettings settings, Config config) {
    String mode = config.hasPath("dci.http.https") ? config.getString("dci.http.https") : "auto";
    return switch (mode) {
      case "on", "true", "yes" -> true;
      case "auto" -> !Hosts.isLoopback(settings.httpHost());
      default -> throw new IllegalArgumentException("dci.http.https must be auto or on, not '" + mode
          + "' (plain HTTP is served on loopback only)");
    };
  }

  /** The API's base URL, e.g. {@code https://10.0.0.12:8080}. */
  public static String url(BladeSettings settings, Config config) {
    String host = settings.httpHost().contains(":") ? "[" + settings.httpHost() + "]" : settings.httpHost();
    return (https(settings, config) ? "https://" : "http://") + host + ":" + settings.httpPort();
  }
}
