package dci.app.aims;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.hardware.ReplicatedMap;
import dci.hardware.body.BladeBody;
import dci.hardware.body.HealthMonitor.Thresholds;
import dci.protocol.aims.HealthLevels;
import dci.protocol.auth.Role;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/aims/health-rules}: the fail-over's impending-failure levels, visible (viewers) and
 * tunable (admins) for the whole cluster: every blade's body hears a change at once and judges
 * its next sample by it. DELETE goes back to each blade's configuration.
 */
final class HealthRoutes extends AllDirectives {
  private final Gate gate;
  private final ReplicatedMap<Thresholds> levels;
  private final Thresholds configured;

  HealthRoutes(FeatureContext c, Thresholds configured) {
    this.gate = c.gate();
    this.levels = new ReplicatedMap<>(c.system(), BladeBody.THRESHOLDS_MAP, Duration.ofSeconds(5));
    this.configured = configured;
  }

  Route api() {
    return path(PathMatchers.segment("aims").slash("health-rules"), () -> concat(
        get(() -> gate.authorized(Role.VIEWER, who -> levels.allFromMajority().thenApply(m -> Responses.ok(view(m))))),
        put(() -> gate.authorizeJson(Role.ADMIN, HealthLevels.class, (who, req) -> onSuccess(levels.allFromMajority(),
            m -> {
              Thresholds now = m.getOrDefault(BladeBody.THRESHOLDS_ENTRY, configured);
              Thresholds next = new Thresholds(or(req.temperatureWarning(), now.temperatureWarning()),
                  or(req.temperatureLimit(), now.temperatureLimit()), or(req.diskErrorWarning(), now.diskErrorWarning()),
                  or(req.diskErrorLimit(), now.diskErrorLimit()),
                  req.slowProbeMillis() == null ? now.slowProbeMillis() : req.slowProbeMillis(),
                  req.trendSamples() == null ? now.trendSamples() : req.trendSamples());
              if (next.problem() != null) {
                return complete(Responses.badRequest("the levels do not hold together: " + next.problem()));
              }
              return onSuccess(levels.put(BladeBody.THRESHOLDS_ENTRY, next), t -> complete(Responses.ok(
                  view(Map.of(BladeBody.THRESHOLDS_ENTRY, t)))));
            }))),
        delete(() -> gate.authorized(Role.ADMIN, who -> levels.remove(BladeBody.THRESHOLDS_ENTRY)
            .thenApply(d -> Responses.ok(view(Map.of())))))));
  }

  private HealthLevels view(Map<String, Thresholds> m) {
    Thresholds t = m.get(BladeBody.THRESHOLDS_ENTRY);
    Thresholds shown = t == null ? configured : t;
    return new HealthLevels(t == null ? "config" : "cluster", shown.temperatureWarning(), shown.temperatureLimit(),
        shown.diskErrorWarning(), shown.diskErrorLimit(), shown.slowProbeMillis(), shown.trendSamples());
  }

  private static double or(Double v, double d) {
    return v == null ? d : v;
  }
}
