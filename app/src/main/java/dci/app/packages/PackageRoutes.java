package dci.app.packages;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.Blade;
import dci.protocol.Json;
import dci.app.packages.PackageCatalog;
import dci.app.packages.PackageInfo;
import dci.app.packages.Packages;
import dci.app.packages.Publisher;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageKeys;
import dci.protocol.pkg.api.KeyRemoved;
import dci.protocol.pkg.api.KeyRequest;
import dci.protocol.pkg.api.PublishedPackage;
import dci.protocol.pkg.api.PublisherKey;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/packages}: publish a package file (admin, the body is the file, verified before
 * anything is stored), list what is published (viewer), the trusted publisher keys (list: viewer;
 * add, remove: admin) and a blade's inventory, {@code GET /api/packages/installed?blade=B}.
 */
final class PackageRoutes extends AllDirectives {
  /** How far over the cap a declared body may be and still be read and dropped before the 413. */
  private static final long DRAIN_BYTES = 64L << 20;
  private final Gate api;
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final Packages packages;

  PackageRoutes(FeatureContext c, Packages packages) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.packages = packages;
  }

  Route routes() {
    PackageCatalog catalog = packages.catalog();
    return pathPrefix("packages", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> api.authorized(Role.VIEWER, p -> published())),
            post(this::publish))),
        path("keys", () -> concat(
            get(() -> api.authorized(Role.VIEWER, p -> catalog.keys().thenApply(Responses::ok))),
            post(() -> api.authorizedText(Role.ADMIN, (p, text) -> addKey(text))))),
        path(PathMatchers.segment("keys").slash(PathMatchers.segment()), id ->
            delete(() -> api.authorized(Role.ADMIN, p -> removeKey(id)))),
        path("installed", () -> get(() -> parameterOptional("blade", b ->
            api.authorized(Role.VIEWER, p -> inventory(b.orElse(parts.settings().name()))))))));
  }

  /**
   * The body is the package file, streamed to disk (never whole in memory), up to the size cap,
   * with the publish timeout instead of the server's short request timeout. A body declared
   * over the cap by less than {@link #DRAIN_BYTES} is read and dropped before the 413 goes out:
   * answered at once, a client still sending it would meet a closed connection, not the reason.
   */
  private Route publish() {
    long max = packages.settings().maxPackageSize();
    return withRequestTimeout(packages.settings().publishTimeout(), () ->
        withSizeLimit(max, () -> extractRequestEntity(entity -> extractDataBytes(data ->
            api.authorized(Role.ADMIN, p -> {
              long declared = entity.getContentLengthOption().orElse(-1);
              if (declared > max) {
                HttpResponse refused = Responses.error(StatusCodes.PAYLOAD_TOO_LARGE, Publisher.tooLarge(max));
                return declared - max > DRAIN_BYTES ? CompletableFuture.completedFuture(refused)
                    : entity.withoutSizeLimit().discardBytes(system).completionStage().handle((d, e) -> refused);
              }
              return packages.publisher().publish(data, p.user()).thenApply(o -> o.info() != null
                  ? Responses.json(StatusCodes.get(o.status()), o.info().wire())
                  : Responses.error(StatusCodes.get(o.status()), o.error()));
            })))));
  }

  private CompletionStage<HttpResponse> removeKey(String id) {
    return packages.catalog().removeKey(id).thenApply(removed -> removed
        ? Responses.ok(new KeyRemoved(id, true))
        : Responses.error(StatusCodes.NOT_FOUND, "no key " + Names.printable(id)
            + " was added by an admin (keys in dci.packages.trusted-keys are changed in configuration)"));
  }

  private CompletionStage<HttpResponse> published() {
    return packages.catalog().published().thenApply(all -> {
      List<PublishedPackage> rows = all.values().stream().sorted(Comparator.comparing(PackageInfo::name)
          .thenComparing(PackageInfo::parsedVersion, Comparator.reverseOrder())).map(PackageInfo::wire).toList();
      return Responses.ok(rows);
    });
  }

  private CompletionStage<HttpResponse> addKey(String text) {
    PublicKey key;
    try {
      KeyRequest req = Json.parse(text, KeyRequest.class);
      if (req.key() == null || req.key().isBlank()) {
        throw new IllegalArgumentException("key is required: a PEM PUBLIC KEY block or its base64");
      }
      if (req.key().length() > 64 * 1024) {
        throw new IllegalArgumentException("key is too long to be a public key");
      }
      key = PackageKeys.parsePublic(req.key());
    } catch (IllegalArgumentException | PackageException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return packages.catalog().addKey(key).thenApply(id -> Responses.ok(
        new PublisherKey(id, PackageKeys.encodePublic(key), "admin")));
  }

  private CompletionStage<HttpResponse> inventory(String blade) {
    try {
      Names.requireBladeName(blade);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return InstallRoutes.inventory(parts, system, blade).thenApply(r -> r instanceof HttpResponse h ? h
        : Responses.ok(r));
  }
}
