package dci.app.console;

import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.actors.http.BladeOrigins;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The web console (Fig. 9–14, 26): static pages from the jar at {@code /console/} on every blade,
 * under a Content-Security-Policy that allows scripts from the blade alone and calls to the
 * blades' APIs alone, and the live blade table it shows ({@code /api/blades/events}, server-sent
 * events). Everything else it shows comes from the API the CLI uses.
 */
public final class ConsoleFeature implements Feature {

  @Override
  public String name() {
    return "console";
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    BladeOrigins origins = c.services().require(BladeOrigins.class, name());
    return CompletableFuture.completedFuture(Offer.builder()
        .root(new ConsoleRoutes(origins).routes())
        .api(new BladeEvents(c).routes())
        .build());
  }
}
