package dci.app.failover;

import com.typesafe.config.Config;
import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.hardware.port.DeskActivity;
import dci.storage.backup.Backup;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * Fail-over (Fig. 15–17): the blade's body (sensors, faults, health), its peripheral switch
 * (every user's desk port), the fail-over actor, desks ({@code /api/desk}, the desk WebSocket)
 * and the fail-over API ({@code /api/failover}, {@code /api/body}, {@code /api/port}, spares).
 * Needs backup (a failed blade's user is restored from its peers). Provides {@link Body} and
 * {@link DeskActivity} (desk sessions and logins on this blade).
 */
public final class FailoverFeature extends AllDirectives implements Feature {
  /**
   * The cluster role of a blade that runs fail-over ({@code dci.failover.enabled}): the
   * coordinator, a cluster singleton, runs on the oldest blade that has it.
   */
  public static final String ROLE = "dci-failover";

  @Override
  public String name() {
    return "failover";
  }

  @Override
  public List<String> durableKeys() {
    return List.of("dci-ports", "dci-failovers", "dci-spares");
  }

  @Override
  public List<String> clusterRoles(Config config) {
    return FailoverSettings.from(config).enabled() ? List.of(ROLE) : List.of();
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    Backup backup = c.services().require(Backup.class, name());
    return Body.start(c, backup).thenApply(body -> {
      var activity = new DeskActivity();
      var desk = new DeskRoutes(c, body, activity);
      var failover = new FailoverRoutes(c, body);
      var socket = new DeskSocket(c.gate(), c.system(), c.parts(), body, desk);
      var lifeline = new Lifeline(c.system(), c.gate());
      return Offer.builder()
          .api(concat(desk.routes(), failover.routes(), lifeline.route()))
          .root(socket.routes())
          .provide(Body.class, body)
          .provide(DeskActivity.class, activity)
          .build();
    });
  }
}
