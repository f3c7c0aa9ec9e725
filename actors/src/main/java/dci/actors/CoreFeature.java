package dci.actors;

import dci.actors.auth.AccountRoutes;
import dci.actors.auth.LoginThrottle;
import dci.actors.http.BladeOrigins;
import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.actors.tls.CertRoutes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * The kernel's own routes, first in every blade: health, the blade table, accounts (login,
 * users) and the cluster's certificates. The kernel's replicated keys are durable by its own
 * configuration (its {@code reference.conf}). Provides the {@link LoginThrottle} that every way of
 * logging in (the API, WebDAV's Basic authentication) shares, and the {@link BladeOrigins} the
 * blades' own pages may call across (the API answers them cross-origin).
 */
public final class CoreFeature extends AllDirectives implements Feature {

  @Override
  public String name() {
    return "core";
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext context) {
    LoginThrottle throttle = LoginThrottle.fromConfig(context.config());
    var accounts = new AccountRoutes(context, throttle);
    var certs = new CertRoutes(context);
    return CompletableFuture.completedFuture(Offer.builder()
        .api(concat(accounts.routes(), certs.routes()))
        .provide(LoginThrottle.class, throttle)
        .provide(BladeOrigins.class, BladeOrigins.watch(context.system(), context.parts().directory()))
        .build());
  }
}
