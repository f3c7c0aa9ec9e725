package dci.protocol.api;

import dci.protocol.BladeInfo;
import java.util.List;

/** The web console's own route: the live blade table it shows (the pages themselves are at {@code /console/}). */
public final class ConsoleApi {
  private ConsoleApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("console", List.of(
      ApiRoute.listOf("GET", "/api/blades/events", "viewer", null, BladeInfo.class,
          "server-sent events: a `blades` event with the blade directory now and on every change")));
}
