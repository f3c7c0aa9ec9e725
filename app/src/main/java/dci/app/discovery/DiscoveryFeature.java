package dci.app.discovery;

import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Discovery (Fig. 10, Discover and Re-discover): any blade probes addresses, within bounds, for
 * this cluster's blades, nodes waiting for admission ({@code dci node --await-admission}) and
 * other open ports, and admits a waiting node: its own key certified by the cluster CA, the
 * cluster's blades as its seeds. The waiting node's side is {@link AwaitAdmission}.
 */
public final class DiscoveryFeature implements Feature {
  @Override
  public String name() {
    return "discovery";
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    DiscoverySettings settings = DiscoverySettings.of(c.config());
    CandidateClient candidates = new CandidateClient(settings.answerTimeout());
    Discoverer discoverer = new Discoverer(settings, candidates);
    Admitter admitter = new Admitter(c, candidates, settings);
    return CompletableFuture.completedFuture(
        Offer.builder().api(new DiscoveryRoutes(c, discoverer, admitter).routes()).build());
  }
}
