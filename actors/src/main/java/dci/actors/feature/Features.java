package dci.actors.feature;

import dci.actors.http.ApiErrors;
import dci.actors.http.BladeOrigins;
import dci.actors.http.Cors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Starts a blade's features one after another (a later one may use what an earlier one
 * provides), registers their peerlets and services, and joins their routes into the blade's
 * one HTTP API. Nothing here blocks.
 */
public final class Features extends AllDirectives {
  private final List<Offer> offers = new ArrayList<>();

  private Features() {}

  /** The blade's API, made of what its features offer. */
  public record Assembly(Route routes, List<HttpMethod> methods) {}

  /** Starts {@code features} in order; the stage fails with the first feature that did not start. */
  public static CompletionStage<Assembly> start(List<Feature> features, FeatureContext context) {
    Features assembled = new Features();
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (Feature f : features) {
      chain = chain.thenCompose(v -> startOne(f, context)).thenAccept(offer -> assembled.take(offer, context));
    }
    return chain.thenApply(v -> new Assembly(assembled.routes(context),
        assembled.offers.stream().flatMap(o -> o.methods().stream()).toList()));
  }

  private static CompletionStage<Offer> startOne(Feature f, FeatureContext context) {
    CompletionStage<Offer> started;
    try {
      started = f.start(context);
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    return started.handle((offer, e) -> {
      if (e != null) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause() : e;
        throw new IllegalStateException("feature " + f.name() + " did not start: " + cause.getMessage(), cause);
      }
      return offer;
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void take(Offer offer, FeatureContext context) {
    offer.peerlets().forEach(context.parts().registry()::register);
    context.hiddenFromViewers().addAll(offer.hiddenFromViewers());
    for (Map.Entry<Class<?>, Object> e : offer.provides().entrySet()) {
      context.services().provide((Class) e.getKey(), e.getValue());
    }
    offers.add(offer);
  }

  /**
   * Mount points first (their own errors), then root and {@code /api} routes with JSON errors;
   * all of it answers the blades' own pages cross-origin ({@link Cors}) when the kernel watches
   * the blades' origins.
   */
  private Route routes(FeatureContext context) {
    List<Route> mounts = new ArrayList<>();
    List<Route> roots = new ArrayList<>();
    List<Route> apis = new ArrayList<>();
    for (Offer o : offers) {
      o.mount().ifPresent(mounts::add);
      o.root().ifPresent(roots::add);
      o.api().ifPresent(apis::add);
    }
    roots.add(pathPrefix("api", () -> any(apis)));
    mounts.add(handleExceptions(ApiErrors.exceptions(), () -> handleRejections(ApiErrors.rejections(), () ->
        any(roots))));
    Route all = any(mounts);
    return context.services().find(BladeOrigins.class).map(o -> new Cors(o).wrap(all)).orElse(all);
  }

  private Route any(List<Route> routes) {
    return routes.isEmpty() ? reject()
        : concat(routes.get(0), routes.subList(1, routes.size()).toArray(Route[]::new));
  }
}
