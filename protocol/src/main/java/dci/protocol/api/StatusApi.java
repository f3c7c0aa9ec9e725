package dci.protocol.api;

import dci.protocol.BladeInfo;
import java.util.List;

/** The blades' state: health (open, for load balancers), the blade directory and the body metrics. */
public final class StatusApi {
  private StatusApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("status", List.of(
      ApiRoute.of("GET", "/api/health", "none", null, Health.class, "which blade answered and its membership status; 503 until it is Up"),
      ApiRoute.listOf("GET", "/api/blades", "viewer", null, BladeInfo.class, "the blade directory"),
      ApiRoute.listOf("GET", "/api/metrics?blade=B", "viewer", null, BladeMetrics.class,
          "every blade's (or only B's) latest body reading and health verdict, by blade"),
      ApiRoute.of("GET", "/api/metrics/history?blade=B&since=D", "viewer", null, MetricsHistory.class,
          "B's readings over the last D (e.g. 10m; default and at most dci.body.history, 1h), oldest first")));
}
