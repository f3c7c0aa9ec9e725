package dci.app.packages;

import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.storage.vnas.Vnas;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * Software installation (Fig. 22–25): signed packages published to the VNAS, the catalog, the
 * install peerlet on every blade, installs by blade, list or role, and their API
 * ({@code /api/packages}, {@code /api/install}). Needs the VNAS (packages live there).
 */
public final class PackagesFeature extends AllDirectives implements Feature {

  @Override
  public String name() {
    return "packages";
  }

  @Override
  public List<String> durableKeys() {
    return List.of("dci-package*");
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    Vnas vnas = c.services().require(Vnas.class, name());
    return Packages.start(c, vnas).thenApply(packages -> Offer.builder()
        .api(concat(new PackageRoutes(c, packages).routes(),
            new InstallRoutes(c, packages).routes()))
        .hiddenFromViewers(InstallPeerlet.APP)
        .provide(Packages.class, packages)
        .build());
  }
}
