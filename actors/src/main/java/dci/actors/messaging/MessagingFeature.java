package dci.actors.messaging;

import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.protocol.envelope.EnvelopeLimits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * Messaging: envelopes in ({@code /api/messages}), the message log ({@code /api/log}), replay
 * ({@code /api/replay}) and tasks ({@code /api/tasks}). Its actors (router, peerlet manager,
 * log) are the kernel's, started by the blade's guardian before any feature.
 */
public final class MessagingFeature extends AllDirectives implements Feature {

  @Override
  public String name() {
    return "messaging";
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    EnvelopeLimits limits = new EnvelopeLimits((int) c.config().getBytes("dci.envelope.max-bytes").longValue(),
        c.config().getInt("dci.envelope.max-depth"));
    var messages = new MessagingRoutes(c.gate(), c.system(), c.parts(), limits);
    var log = new LogRoutes(c.gate(), c.system(), c.parts(), limits, c.hiddenFromViewers());
    var replay = new ReplayRoutes(c.gate(), c.system(), c.parts(), limits);
    var tasks = new TaskRoutes(c.gate(), c.system(), c.parts(), limits);
    return CompletableFuture.completedFuture(Offer.builder()
        .api(concat(messages.routes(), log.routes(), replay.routes(), tasks.routes()))
        .build());
  }
}
