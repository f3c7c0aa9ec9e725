package dci.app.console;

import dci.actors.http.BladeOrigins;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Serves the console's files from the jar ({@code dci/console/}) at {@code /console/}: no build
 * step, plain ES modules (and uPlot, the charts' library, from its webjar under {@code vendor/uplot/}). Every answer carries a Content-Security-Policy without
 * {@code unsafe-inline} or {@code eval}: scripts and styles from the blade itself, calls to the
 * blades' APIs (so the page can move to another blade when this one dies), no frames, no forms
 * posted anywhere, no plugins.
 */
final class ConsoleRoutes extends AllDirectives {
  static final String ROOT = "dci/console";
  /** uPlot's files in its webjar (org.webjars.npm:uplot, the version of the root pom), at /console/vendor/uplot/. */
  static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist";
  private final BladeOrigins origins;

  ConsoleRoutes(BladeOrigins origins) {
    this.origins = origins;
  }

  Route routes() {
    return pathPrefix("console", () -> concat(
        pathEnd(() -> redirect(org.apache.pekko.http.javadsl.model.Uri.create("/console/"), StatusCodes.FOUND)),
        get(this::files),
        // HEAD answers as GET would, without the body (the file directives serve GET alone)
        head(() -> mapRequest(r -> r.withMethod(HttpMethods.GET), this::files))));
  }

  private Route files() {
    return respondWithHeaders(headers(), () -> concat(
        pathSingleSlash(() -> getFromResource(ROOT + "/index.html")),
        pathPrefix("vendor", () -> pathPrefix("uplot", () -> getFromResourceDirectory(UPLOT))),
        getFromResourceDirectory(ROOT)));
  }

  /** The console's security headers, with the blades' API origins known now. */
  List<HttpHeader> headers() {
    return List.of(
        RawHeader.create("Content-Security-Policy", policy(origins.all())),
        RawHeader.create("X-Content-Type-Options", "nosniff"),
        RawHeader.create("Referrer-Policy", "no-referrer"),
        RawHeader.create("X-Frame-Options", "DENY"),
        RawHeader.create("Cache-Control", "no-cache"));
  }

  static String policy(java.util.Collection<String> bladeOrigins) {
    String connect = bladeOrigins.isEmpty() ? "'self'" : "'self' " + String.join(" ", bladeOrigins);
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src " + connect + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }
}
