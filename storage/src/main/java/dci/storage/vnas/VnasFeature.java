package dci.storage.vnas;

import dci.actors.auth.LoginThrottle;
import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.storage.webdav.DavAuthenticator;
import dci.storage.webdav.DavRoutes;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The VNAS: this blade's stripe store and keeper, its part of the location index, the WebDAV
 * mount point at {@code /vnas/}, the volume's API under {@code /api/vnas} and the blade-to-blade
 * stripe transfers under {@code /internal/stripes}. Provides {@link Vnas} to later features.
 */
public final class VnasFeature implements Feature {

  @Override
  public String name() {
    return "vnas";
  }

  @Override
  public List<String> durableKeys() {
    return List.of("dci-vnas-*");
  }

  @Override
  public List<String> clusterRoles(com.typesafe.config.Config config) {
    return List.of(VnasLocks.ROLE);
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    LoginThrottle throttle = c.services().require(LoginThrottle.class, name());
    return Vnas.start(c).thenApply(vnas -> {
      var routes = new VnasRoutes(c, vnas);
      var dav = new DavRoutes(c.system(), vnas.volume(),
          new DavAuthenticator(c.system(), c.parts().users(), throttle, c.gate().askTimeout()));
      return Offer.builder()
          .mount(dav.routes())
          .methods(DavRoutes.METHODS)
          .api(routes.apiRoutes())
          .root(routes.internalRoutes())
          .provide(Vnas.class, vnas)
          .build();
    });
  }
}
