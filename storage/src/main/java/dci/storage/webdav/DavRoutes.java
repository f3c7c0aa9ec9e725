package dci.storage.webdav;

import dci.actors.http.PeerAddress;
import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasException;
import dci.storage.vnas.VnasLock;
import dci.storage.vnas.VnasPath;
import dci.storage.vnas.VnasVolume;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.ResponseEntity;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntityAcceptances;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebDAV mount point of a blade, {@code /vnas/} on its API port: class 1 and 2 (OPTIONS,
 * GET/HEAD with Range, PUT, DELETE, MKCOL, COPY, MOVE, PROPFIND, PROPPATCH, LOCK, UNLOCK).
 * Every request is authenticated (HTTP Basic, or a bearer token as the console sends); viewers
 * read, operators and admins write. Paths are
 * checked where they enter ({@link DavHref#parse}).
 */
public final class DavRoutes extends AllDirectives {
  private static final Logger LOG = LoggerFactory.getLogger(DavRoutes.class);
  static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  private static final Set<String> WRITES = Set.of("PUT", "DELETE", "MKCOL", "COPY", "MOVE", "PROPPATCH", "LOCK",
      "UNLOCK", "POST", "PATCH");

  /** The WebDAV verbs the HTTP server must accept beyond its own. */
  public static final List<HttpMethod> METHODS = List.of(
      HttpMethods.custom("PROPFIND", true, true, RequestEntityAcceptances.Tolerated),
      HttpMethods.custom("PROPPATCH", false, true, RequestEntityAcceptances.Expected),
      HttpMethods.custom("MKCOL", false, true, RequestEntityAcceptances.Tolerated),
      HttpMethods.custom("COPY", false, true, RequestEntityAcceptances.Tolerated),
      HttpMethods.custom("MOVE", false, true, RequestEntityAcceptances.Tolerated),
      HttpMethods.custom("LOCK", false, false, RequestEntityAcceptances.Tolerated),
      HttpMethods.custom("UNLOCK", false, true, RequestEntityAcceptances.Tolerated));

  private final ActorSystem<?> system;
  private final VnasVolume volume;
  private final DavAuth auth;
  private final DavLocking locking;
  private final DavMethods methods;

  public DavRoutes(ActorSystem<?> system, VnasVolume volume, DavAuth auth) {
    this.system = system;
    this.volume = volume;
    this.auth = auth;
    this.locking = new DavLocking(volume.index(), volume.locks());
    this.methods = new DavMethods(system, volume, locking);
  }

  public Route routes() {
    return pathPrefix("vnas", () -> extractRequest(req -> completeWithFuture(handle(req, PeerAddress.of(req)))));
  }

  private CompletionStage<HttpResponse> handle(HttpRequest req, String address) {
    String method = req.method().value();
    VnasPath path;
    try {
      path = DavHref.parse(req.getUri());
    } catch (IllegalArgumentException e) {
      return done(error(400, "bad path: " + e.getMessage()));
    }
    // refusals before the body is read leave it unread: the server closes the connection
    // rather than take a stranger's upload
    Optional<String> authorization = req.getHeader("Authorization").map(h -> h.value());
    return auth.authenticate(authorization, address).thenCompose(user -> {
      if (user.isEmpty()) {
        return done(error(401, "authentication required").addHeader(challenge(authorization)));
      }
      if (WRITES.contains(method) && !user.get().canWrite()) {
        return done(error(403, "user " + user.get().name() + " may read the volume but not change it"));
      }
      return dispatch(method, req, path, user.get());
    }).exceptionally(e -> failure(req, e));
  }

  private CompletionStage<HttpResponse> dispatch(String method, HttpRequest req, VnasPath path, DavAuth.User user) {
    return switch (method) {
      case "OPTIONS" -> done(options());
      case "GET" -> methods.get(req, path);
      // the server renders no body for a HEAD response; the headers are those of the GET
      case "HEAD" -> methods.get(req, path);
      case "PUT" -> methods.put(req, path);
      case "DELETE" -> methods.delete(req, path);
      case "MKCOL" -> methods.mkcol(req, path);
      case "COPY", "MOVE" -> methods.copyMove(req, path, method.equals("MOVE"));
      case "PROPFIND" -> methods.propfind(req, path);
      case "PROPPATCH" -> methods.proppatch(req, path);
      case "LOCK" -> methods.lock(req, path, user);
      case "UNLOCK" -> methods.unlock(req, path, user);
      default -> {
        req.discardEntityBytes(system);
        yield done(error(405, method + " is not supported here").addHeader(RawHeader.create("Allow", ALLOW)));
      }
    };
  }

  /**
   * Basic for a WebDAV client; Bearer for a caller that sent a token (the console), so that a
   * browser answers an expired token to the page instead of prompting for a password.
   */
  private static RawHeader challenge(Optional<String> authorization) {
    boolean bearer = authorization.map(a -> a.trim().regionMatches(true, 0, "Bearer ", 0, 7)).orElse(false);
    return RawHeader.create("WWW-Authenticate",
        bearer ? "Bearer realm=\"dci\", error=\"invalid_token\"" : "Basic realm=\"dci\", charset=\"UTF-8\"");
  }

  static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, MKCOL, COPY, MOVE, PROPFIND, PROPPATCH, LOCK, UNLOCK";

  private static HttpResponse options() {
    return HttpResponse.create().withStatus(200)
        .addHeader(RawHeader.create("DAV", "1, 2"))
        .addHeader(RawHeader.create("MS-Author-Via", "DAV"))
        .addHeader(RawHeader.create("Allow", ALLOW));
  }

  private HttpResponse failure(HttpRequest req, Throwable e) {
    if (e instanceof DavAuth.Busy || e.getCause() instanceof DavAuth.Busy) {
      return error(429, "too many logins at once: try again in a second").addHeader(RawHeader.create("Retry-After", "1"));
    }
    req.discardEntityBytes(system);
    Optional<VnasException> v = VnasException.of(e);
    if (v.isPresent()) {
      if (v.get().status() >= 500) { // the operator should see why the volume refused
        LOG.warn("WebDAV {} {} answered {}: {}", req.method().value(), req.getUri().path(), v.get().status(),
            v.get().getMessage());
      }
      return error(v.get().status(), v.get().getMessage());
    }
    Throwable c = e;
    while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException
        || c instanceof java.util.concurrent.ExecutionException)) {
      c = c.getCause();
    }
    if (c instanceof DavXml.BadXmlException || c instanceof IllegalArgumentException) {
      return error(400, c.getMessage());
    }
    if (c instanceof dci.storage.vnas.Stripes.StripeUnavailableException) {
      LOG.warn("WebDAV {} {}: {}", req.method().value(), req.getUri().path(), c.getMessage());
      return error(503, c.getMessage());
    }
    if (c instanceof java.util.concurrent.TimeoutException || c instanceof org.apache.pekko.pattern.AskTimeoutException) {
      LOG.warn("WebDAV {} {} timed out: {}", req.method().value(), req.getUri().path(), c.getMessage());
      return error(503, "the volume did not answer in time; try again");
    }
    LOG.warn("WebDAV {} {} failed", req.method().value(), req.getUri().path(), c);
    return error(500, "internal error: " + c.getMessage());
  }

  static HttpResponse error(int status, String message) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, message + "\n"));
  }

  static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }

  /** Listings of more entries than this are sent as the client reads them (chunked), not built whole. */
  static final int STREAM_OVER = 256;
  private static final int BATCH = 512;

  /**
   * A listing's body: {@code head}, one rendering per item, {@code tail}. Up to {@link #STREAM_OVER}
   * items it is one strict entity (with its length); past that it is rendered {@link #BATCH} items
   * at a time as the client takes them, so the first entry of a directory of 100 000 leaves at
   * once and the answer's text is never built whole (the entries themselves are in memory).
   */
  static <T> ResponseEntity listingOf(ContentType type, String head, List<T> items,
      java.util.function.Function<T, String> render, String tail) {
    if (items.size() <= STREAM_OVER) {
      StringBuilder b = new StringBuilder(head);
      items.forEach(x -> b.append(render.apply(x)));
      return HttpEntities.create(type, b.append(tail).toString().getBytes(StandardCharsets.UTF_8));
    }
    return HttpEntities.createChunked(type, Source.single(ByteString.fromString(head, StandardCharsets.UTF_8))
        .concat(Source.from(items).grouped(BATCH).map(batch -> {
          StringBuilder b = new StringBuilder(batch.size() * 400);
          batch.forEach(x -> b.append(render.apply(x)));
          return ByteString.fromString(b.toString(), StandardCharsets.UTF_8);
        }))
        .concat(Source.single(ByteString.fromString(tail, StandardCharsets.UTF_8))));
  }

  /** A multistatus of one {@code <D:response>} per item, streamed past {@link #STREAM_OVER} items. */
  static <T> HttpResponse multistatus(List<T> items, java.util.function.Function<T, String> render) {
    return HttpResponse.create().withStatus(207).withEntity(listingOf(XML,
        XML_HEAD + "<D:multistatus xmlns:D=\"DAV:\">", items, render, "</D:multistatus>"));
  }

  private static final ContentType XML = ContentTypes.create(org.apache.pekko.http.javadsl.model.MediaTypes.APPLICATION_XML,
      org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8);

  static HttpResponse multistatus(String body) {
    return HttpResponse.create().withStatus(207).withEntity(HttpEntities.create(
        ContentTypes.create(org.apache.pekko.http.javadsl.model.MediaTypes.APPLICATION_XML,
            org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8),
        (XML_HEAD + "<D:multistatus xmlns:D=\"DAV:\">" + body + "</D:multistatus>").getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse xml(int status, String body) {
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(
        ContentTypes.create(org.apache.pekko.http.javadsl.model.MediaTypes.APPLICATION_XML,
            org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8),
        (XML_HEAD + body).getBytes(StandardCharsets.UTF_8)));
  }

  static String newToken() {
    return "opaquelocktoken:" + UUID.randomUUID();
  }

  static Map<String, String> mutable(Map<String, String> m) {
    return new TreeMap<>(m);
  }

  static VnasLock lockFor(String token, VnasPath path, boolean infinite, boolean exclusive, String owner,
      String user, long seconds) {
    return new VnasLock(token, path.toString(), infinite, exclusive, owner, user,
        System.currentTimeMillis() + seconds * 1000, seconds);
  }

  static boolean isCollection(Optional<VnasEntry> e) {
    return e.isPresent() && e.get().collection();
  }
}
