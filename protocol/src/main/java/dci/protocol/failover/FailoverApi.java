package dci.protocol.failover;

import dci.protocol.api.ApiRoute;
import java.util.List;

/**
 * The fail-over feature's routes under {@code /api}: desk ports, the spare pool, fail-over status,
 * history and trigger, fault injection and users' desks. (The desk's shell session is the
 * WebSocket {@code /desk/USER}, outside {@code /api}: not listed.)
 */
public final class FailoverApi {
  private FailoverApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("failover", List.of(
      ApiRoute.listOf("GET", "/api/ports", "viewer", null, PortView.class, "every desk port and the blade it is routed to"),
      ApiRoute.of("PUT", "/api/ports/USER", "admin", AssignRequest.class, PortView.class,
          "route USER's desk to a blade that is Up (a move: no data is copied)"),
      ApiRoute.listOf("GET", "/api/spares", "viewer", null, SpareView.class, "the spare pool, by blade"),
      ApiRoute.of("POST", "/api/spares", "admin", SpareRequest.class, SpareMark.class, "put a blade in the spare pool"),
      ApiRoute.of("DELETE", "/api/spares/BLADE", "admin", null, SpareMark.class, "take a blade out of the spare pool"),
      ApiRoute.of("GET", "/api/failover/status", "viewer", null, FailoverStatus.class,
          "the coordinator, suspected blades, free spares and fail-overs under way"),
      ApiRoute.listOf("GET", "/api/failover/history", "viewer", null, FailoverView.class,
          "every fail-over, newest first, with its steps"),
      ApiRoute.of("POST", "/api/failover/trigger", "admin", TriggerRequest.class, TriggerAnswer.class,
          "fail a blade over to a spare now (409 with the answer when refused)"),
      ApiRoute.of("POST", "/api/faults", "admin", FaultRequest.class, BodyView.class, "inject a fault into a blade's body"),
      ApiRoute.of("DELETE", "/api/faults?blade=B", "admin", null, BodyView.class, "clear every fault of a blade's body"),
      ApiRoute.of("POST", "/api/desk/USER/exec", "operator", DeskExecRequest.class, DeskExecReply.class,
          "run a command in USER's home on the blade the desk is routed to (USER's own token or an admin's)")));
}
