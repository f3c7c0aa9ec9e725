package dci.protocol.resources;

import dci.protocol.api.ApiRoute;
import java.util.List;

/**
 * The resource manager's routes under {@code /api}: every blade's use over time (kept on every
 * blade), the demand map and the advice. (A restarting blade back-fills from a peer's
 * {@code GET /internal/resources?since=MS}, with the service token: not listed.)
 */
public final class ResourcesApi {
  private ResourcesApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("resources", List.of(
      ApiRoute.of("GET", "/api/resources/history?blade=B&metric=M&since=D", "viewer", null, ResourceHistory.class,
          "one metric of one blade over time (cpu, memory, swap, disk, disk-read, disk-write, net-in, net-out, "
              + "desks, logins, processes:PACKAGE), from any blade, even after that blade is gone"),
      ApiRoute.of("GET", "/api/resources/map?since=D", "viewer", null, DemandMap.class,
          "the demand map: users × blades, each user's load on the blades their port was routed to"),
      ApiRoute.of("GET", "/api/resources/advise?since=D", "viewer", null, Advice.class,
          "one-to-one and swap moves that would even the load, each with its dci move plan command")));
}
