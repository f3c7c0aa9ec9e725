package dci.protocol.vnas;

import dci.protocol.api.ApiRoute;
import java.util.List;

/** The VNAS feature's routes under {@code /api/vnas} (the WebDAV mount {@code /vnas/} is WebDAV, not JSON). */
public final class VnasApi {
  private VnasApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("vnas", List.of(
      ApiRoute.of("GET", "/api/vnas/stat?path=P", "viewer", null, StatView.class,
          "a file or collection: size, version, etag, times, each stripe with its blades"),
      ApiRoute.listOf("GET", "/api/vnas/ls?path=P", "viewer", null, LsEntry.class, "the entries of a collection"),
      ApiRoute.of("GET", "/api/vnas/df", "viewer", null, Df.class,
          "per blade: contributed, used, free, stripes, draining; totals of the live ones"),
      ApiRoute.of("POST", "/api/vnas/drain", "admin", DrainRequest.class, DrainStatus.class,
          "start (or stop) moving every stripe off a blade"),
      ApiRoute.of("GET", "/api/vnas/drain?blade=B", "viewer", null, DrainStatus.class, "polls a drain"),
      ApiRoute.of("POST", "/api/vnas/scrub", "admin", null, ScrubReport.class,
          "every blade verifies its stripes and repairs from replicas"),
      ApiRoute.listOf("POST", "/api/vnas/keeper", "admin", null, KeeperPass.class,
          "a keeper pass on every blade now: what each did"),
      ApiRoute.listOf("GET", "/api/vnas/rules", "viewer", null, RuleView.class,
          "the placement rules this blade applies: the cluster's, then its configuration's for other folders"),
      ApiRoute.of("PUT", "/api/vnas/rules", "admin", RuleRequest.class, RuleView.class,
          "sets a folder's rule for the whole cluster (replicas 1-16, stripe size optional); 400 if invalid"),
      ApiRoute.of("DELETE", "/api/vnas/rules?path=P", "admin", null, RuleRemoved.class,
          "removes a folder's cluster rule; 404 if there is none")));
}
