package dci.protocol.pkg.api;

import dci.protocol.api.ApiRoute;
import java.util.List;

/** The packages feature's routes: {@code /api/packages} (publish, trust, inventory) and the install jobs. */
public final class PackagesApi {
  private PackagesApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("packages", List.of(
      ApiRoute.of("POST", "/api/packages", "admin", null, PublishedPackage.class,
          "publish a package (the body is the .dcipkg file, verified before anything is stored)"),
      ApiRoute.listOf("GET", "/api/packages", "viewer", null, PublishedPackage.class,
          "what is published, by name, newest version first"),
      ApiRoute.listOf("GET", "/api/packages/keys", "viewer", null, PublisherKey.class,
          "the publisher keys blades trust (configured and added)"),
      ApiRoute.of("POST", "/api/packages/keys", "admin", KeyRequest.class, PublisherKey.class,
          "trust a publisher key on every blade"),
      ApiRoute.of("DELETE", "/api/packages/keys/ID", "admin", null, KeyRemoved.class,
          "stop trusting a key an admin added"),
      ApiRoute.of("GET", "/api/packages/installed?blade=B", "viewer", null, Inventory.class,
          "what a blade (default: the one answering) has installed and follows"),
      ApiRoute.of("POST", "/api/install", "admin", TargetedRequest.class, InstallStarted.class,
          "install a published package on blades (202: a job)"),
      ApiRoute.of("POST", "/api/uninstall", "admin", TargetedRequest.class, InstallStarted.class,
          "uninstall a package from blades (202: a job)"),
      ApiRoute.of("POST", "/api/follow", "admin", TargetedRequest.class, InstallStarted.class,
          "blades follow a package (or stop: follow false) (202: a job)"),
      ApiRoute.of("GET", "/api/install/jobs/ID", "viewer", null, InstallJob.class,
          "polls a job, on the blade that started it")));
}
