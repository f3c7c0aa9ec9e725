package dci.actors.http;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Cross-origin calls from the blades' own pages only: a request whose {@code Origin} is one of
 * the blades' APIs ({@link BladeOrigins}) is answered with {@code Access-Control-Allow-Origin}
 * naming it, and its preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is
 * answered here. The bearer token travels in the {@code Authorization} header (no cookies, so no
 * credentials mode). Any other origin gets no CORS headers: the browser keeps the answer from it.
 * The methods cover the API's and those of WebDAV the console uses ({@code MKCOL}, with
 * {@code PUT}, {@code DELETE} and {@code GET}), on {@code /vnas/} too.
 */
public final class Cors extends AllDirectives {
  static final String METHODS = "GET, POST, PUT, DELETE, MKCOL";
  static final String HEADERS = "Authorization, Content-Type";
  private static final Duration PREFLIGHT_CACHE = Duration.ofMinutes(10);
  private final BladeOrigins origins;

  public Cors(BladeOrigins origins) {
    this.origins = origins;
  }

  /** {@code inner}, answering the blades' origins cross-origin. */
  public Route wrap(Route inner) {
    return optionalHeaderValueByName("Origin", origin -> {
      if (origin.isEmpty() || !origins.allows(origin.get())) {
        return inner;
      }
      List<HttpHeader> allow = List.of(RawHeader.create("Access-Control-Allow-Origin", origin.get()),
          RawHeader.create("Vary", "Origin"));
      return concat(
          options(() -> headerValueByName("Access-Control-Request-Method", m -> complete(HttpResponse.create()
              .withStatus(StatusCodes.NO_CONTENT)
              .addHeaders(allow)
              .addHeader(RawHeader.create("Access-Control-Allow-Methods", METHODS))
              .addHeader(RawHeader.create("Access-Control-Allow-Headers", HEADERS))
              .addHeader(RawHeader.create("Access-Control-Max-Age", Long.toString(PREFLIGHT_CACHE.toSeconds())))))),
          respondWithHeaders(allow, () -> inner));
    });
  }
}
