package dci.app.resources;

import com.typesafe.config.Config;
import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.hardware.port.DeskActivity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * The resource manager (Fig. 18–21's "which user belongs on which blade"): every blade samples
 * its use (CPU, memory, swap, disk, disk and network bytes, desk sessions and logins, each
 * installed package's processes) every
 * {@code dci.resources.sample-interval}, publishes it to every blade, and keeps every blade's
 * samples on its disk (7 days whole, then thinned, 30 days in all), so the history of any blade
 * is read from any other, even once that blade is gone; {@code /api/resources} answers with
 * histories, the demand map and advice. Uses {@link DeskActivity} when a feature provides it.
 */
public final class ResourcesFeature extends AllDirectives implements Feature {
  @Override
  public String name() {
    return "resources";
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    Config r = c.config().getConfig("dci.resources");
    var settings = new ResourceManager.Settings(c.blade(), r.getDuration("sample-interval"),
        r.getDuration("compact-every"), r.getDuration("backfill-delay"), r.getInt("backfill-tries"),
        new ResourceStore.Retention(r.getDuration("full-for"), r.getDuration("coarse-step"), r.getDuration("keep")));
    var thresholds = new Advisor.Thresholds(r.getDouble("advise.busy"), r.getDouble("advise.idle"));
    ResourceFile file = new ResourceFile(c.parts().settings().dataDir());
    PeerSamples peer = new PeerSamples(c.system(), c.parts().directory(), c.peers(), c.blade());
    var sources = new ResourceManager.Sources(ResourceManager.health(c.system()), ResourceManager.ports(c.system()),
        c.services().find(DeskActivity.class).orElse(null), file, c.io(), c.clock(), peer, c.parts().directory(),
        new PackageProcesses(c.parts().settings().dataDir().resolve("packages")));
    return CompletableFuture.supplyAsync(file::load, c.io())
        .thenCompose(loaded -> c.spawn(ResourceManager.create(settings, sources, loaded), "resources"))
        .thenApply(manager -> {
          var routes = new ResourcesRoutes(c, manager, thresholds, settings.interval());
          return Offer.builder().api(routes.routes()).root(routes.internal()).build();
        });
  }
}
