package dci.storage.vnas;

import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.auth.Role;
import dci.protocol.vnas.RuleRequest;
import dci.protocol.vnas.RuleView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/vnas/rules}: the volume's per-folder placement rules, set once for the whole
 * cluster (GET lists them, PUT sets one, DELETE removes one). Every blade applies the same rules
 * to new files and, through its keeper, to the stripes of files already stored; a blade's own
 * configuration file gives rules only for folders no cluster rule names.
 */
final class RuleRoutes extends AllDirectives {
  private final Gate api;
  private final VnasVolume volume;

  RuleRoutes(Gate api, VnasVolume volume) {
    this.api = api;
    this.volume = volume;
  }

  Route route() {
    return path("rules", () -> concat(
        get(() -> api.authorized(Role.VIEWER, who -> list())),
        put(() -> api.authorizedText(Role.ADMIN, (who, text) -> set(who.user(), text))),
        delete(() -> parameter("path", p -> api.authorized(Role.ADMIN, who -> remove(p))))));
  }

  private CompletionStage<HttpResponse> list() {
    return volume.index().rules().thenApply(cluster -> {
      List<RuleView> out = new ArrayList<>();
      cluster.values().forEach(r -> out.add(new RuleView(r.folder(), r.replicas(),
          r.stripeSize() > 0 ? r.stripeSize() : null, "cluster", r.setBy(), r.setAt())));
      volume.settings().rules().stream().filter(r -> !cluster.containsKey(r.folder().toString()))
          .forEach(r -> out.add(new RuleView(r.folder().toString(), r.replicas(), (long) r.stripeSize(), "config",
              null, null)));
      out.sort(Comparator.comparing(RuleView::path));
      return Responses.ok(out);
    });
  }

  private CompletionStage<HttpResponse> set(String user, String body) {
    VnasRule rule;
    try {
      RuleRequest req = dci.protocol.Json.parse(body, RuleRequest.class);
      if (req.path() == null || req.replicas() == null) {
        throw new IllegalArgumentException("a rule needs a path and replicas, e.g. {\"path\":\"/docs\",\"replicas\":3}");
      }
      if (req.stripeSize() != null && req.stripeSize() <= 0) { // (0 in a rule means "the default")
        throw new IllegalArgumentException("a stripe size must be between 1 byte and 64 MiB");
      }
      String folder = VnasPath.parseClient(req.path()).toString();
      rule = new VnasRule(folder, req.replicas(), req.stripeSize() == null ? 0 : req.stripeSize(), user,
          System.currentTimeMillis());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return volume.index().putRule(rule).thenApply(d -> Responses.ok(new RuleView(rule.folder(), rule.replicas(),
        rule.stripeSize() > 0 ? rule.stripeSize() : null, "cluster", rule.setBy(), rule.setAt())));
  }

  private CompletionStage<HttpResponse> remove(String p) {
    String folder;
    try {
      folder = VnasPath.parse(p).toString();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return volume.index().rules().thenCompose(rules -> rules.containsKey(folder)
        ? volume.index().removeRule(folder).thenApply(d -> Responses.ok(new dci.protocol.vnas.RuleRemoved(folder)))
        : CompletableFuture.completedFuture(Responses.error(StatusCodes.NOT_FOUND,
            "no cluster rule for " + folder + " (a rule from a blade's configuration file is changed there)")));
  }
}
