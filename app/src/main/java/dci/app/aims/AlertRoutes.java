package dci.app.aims;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.hardware.ReplicatedMap;
import dci.protocol.aims.Alert;
import dci.protocol.aims.AlertInForce;
import dci.protocol.aims.AlertRule;
import dci.protocol.aims.AlertRuleRequest;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/aims/alert-rules} (GET viewers; POST and DELETE admins: a rule may run a command on
 * every blade) and {@code /api/aims/alerts} (GET viewers; DELETE {@code ?key=} operators, to
 * acknowledge an alert that does not clear by itself, such as an infection).
 */
final class AlertRoutes extends AllDirectives {
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private final Gate gate;
  private final ReplicatedMap<AlertRule> rules;
  private final Alerts alerts;
  private final java.time.Clock clock;

  AlertRoutes(FeatureContext c, ReplicatedMap<AlertRule> rules, Alerts alerts) {
    this.gate = c.gate();
    this.rules = rules;
    this.alerts = alerts;
    this.clock = c.clock();
  }

  Route routes() {
    return pathPrefix("aims", () -> concat(
        pathPrefix("alert-rules", () -> concat(pathEnd(() -> concat(listRules(), addRule())), removeRule())),
        path("alerts", () -> concat(listAlerts(), clearAlert()))));
  }

  private Route listRules() {
    return get(() -> gate.authorized(Role.VIEWER, who -> rules.allFromMajority().thenApply(m -> Responses.ok(
        m.values().stream().sorted(Comparator.comparing(AlertRule::name)).toList()))));
  }

  private Route addRule() {
    return post(() -> gate.authorizeJson(Role.ADMIN, AlertRuleRequest.class, (who, req) -> {
      AlertRule rule;
      try {
        rule = check(req, who.user());
      } catch (IllegalArgumentException e) {
        return complete(Responses.badRequest(e.getMessage()));
      }
      return onSuccess(rules.put(rule.name(), rule), r -> complete(Responses.ok(r)));
    }));
  }

  private Route removeRule() {
    return path(PathMatchers.segment(), name -> delete(() -> gate.authorized(Role.ADMIN, who ->
        rules.allFromMajority().thenCompose(m -> !m.containsKey(name)
            ? done(Responses.error(StatusCodes.NOT_FOUND, "no alert rule '" + Names.printable(name) + "'"))
            : rules.remove(name).thenApply(d -> Responses.ok(Map.of("removed", name)))))));
  }

  private Route listAlerts() {
    return get(() -> gate.authorized(Role.VIEWER, who -> alerts.inForce().allFromMajority().thenApply(m ->
        Responses.ok(m.entrySet().stream().map(e -> view(e.getKey(), e.getValue()))
            .sorted(Comparator.comparing(AlertInForce::raisedAt)).toList()))));
  }

  private Route clearAlert() {
    return delete(() -> parameter("key", key -> gate.authorized(Role.OPERATOR, who ->
        alerts.clear(key, who.user()).thenApply(found -> found ? Responses.ok(Map.of("cleared", key))
            : Responses.error(StatusCodes.NOT_FOUND, "no alert in force has key '" + Names.printable(key)
                + "' (dci aims alerts lists them)")))));
  }

  private static AlertInForce view(String key, Alert a) {
    return new AlertInForce(key, a.rule(), a.blade(), a.metric(), a.value(), a.message(), a.raisedAt());
  }

  private AlertRule check(AlertRuleRequest r, String by) {
    if (r.name() == null || !NAME.matcher(r.name()).matches() || r.name().equals("infection")) {
      throw new IllegalArgumentException("a rule needs a name of letters, digits, . _ - (up to 64; not 'infection')");
    }
    String metric = BodyMetrics.require(r.metric());
    String test = r.test() == null ? "" : r.test();
    if (!List.of("over", "under", "rising").contains(test)) {
      throw new IllegalArgumentException("test is over, under or rising, not '" + Names.printable(test) + "'");
    }
    if (!test.equals("rising") && (r.limit() == null || r.limit().isNaN() || r.limit().isInfinite())) {
      throw new IllegalArgumentException("--" + test + " needs a number");
    }
    int n = r.forSamples() == null ? 1 : r.forSamples();
    if (n < 1 || n > 1000) {
      throw new IllegalArgumentException("for is 1..1000 samples");
    }
    if (r.webhook() != null && !r.webhook().matches("https?://[^\\s]{1,2000}")) {
      throw new IllegalArgumentException("the webhook is an http:// or https:// URL");
    }
    if (r.command() != null && (r.command().isBlank() || r.command().length() > 4096)) {
      throw new IllegalArgumentException("the command is 1..4096 characters");
    }
    return new AlertRule(r.name(), metric, test, r.limit() == null ? 0 : r.limit(), n, r.webhook(), r.command(), by,
        clock.instant());
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
