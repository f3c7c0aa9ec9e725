package dci.protocol.moves;

import dci.protocol.api.ApiRoute;
import java.util.List;

/** The move manager's routes under {@code /api}: plan, list, show, run and cancel moves (Fig. 18–21). */
public final class MovesApi {
  private MovesApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("moves", List.of(
      ApiRoute.of("POST", "/api/moves", "admin", MoveRequest.class, MoveView.class,
          "plan a move (400 when the plan is wrong); dryRun answers the checked plan without storing it"),
      ApiRoute.listOf("GET", "/api/moves", "viewer", null, MoveView.class, "every move of every blade, newest first"),
      ApiRoute.of("GET", "/api/moves/ID", "viewer", null, MoveView.class, "one move with its state and steps"),
      ApiRoute.of("POST", "/api/moves/ID/run", "admin", null, MoveView.class, "start a planned move (or resume one)"),
      ApiRoute.of("POST", "/api/moves/ID/cancel", "admin", null, MoveView.class,
          "cancel a move: a planned one at once, a running one before its ports switch (rolled back)")));
}
