package dci.actors.tls;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.Blade;
import dci.protocol.Json;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.protocol.tls.CertView;
import dci.protocol.tls.IssueRequest;
import dci.protocol.tls.RevokeRequest;
import dci.protocol.tls.Revocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code /api/cert}: the cluster's blade certificates (admin). {@code POST /api/cert/issue}
 * makes a join bundle (on the blade holding the cluster CA; any other blade passes the request
 * on to it with the caller's token), {@code GET /api/cert} lists the certificates, {@code POST
 * /api/cert/revoke} revokes a blade's. {@code POST /api/cert/enrol} is the same-machine
 * enrolment of {@link LocalEnrolment}: loopback callers with the offered secret only.
 */
public final class CertRoutes extends AllDirectives {
  private static final Duration ASK = Duration.ofSeconds(15);
  private static final long MAX_BODY = 16 * 1024;

  private final Gate api;
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final CertIssuer issuer;

  public CertRoutes(FeatureContext c) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.issuer = new CertIssuer(c);
  }

  public Route routes() {
    return pathPrefix("cert", () -> withSizeLimit(MAX_BODY, () -> concat(
        pathEndOrSingleSlash(() -> get(() -> api.authorized(Role.ADMIN, p -> list()))),
        path("issue", () -> post(() -> headerValueByName("Authorization", auth ->
            api.authorizedText(Role.ADMIN, (p, text) -> issuer.issue(text, auth))))),
        path("revoke", () -> post(() -> api.authorizedText(Role.ADMIN, (p, text) -> revoke(text)))),
        path("enrol", () -> post(() -> extractRequest(request -> dci.actors.http.PeerAddress.loopback(request)
            ? entity(Unmarshaller.entityToString(), text -> completeWithFuture(enrol(text)))
            : complete(Responses.forbidden("same-machine enrolment is for loopback callers only"))))))));
  }

  private CompletionStage<HttpResponse> list() {
    return AskPattern.ask(parts.certs(), CertKeeper.ListCerts::new, ASK, system.scheduler()).thenApply(c -> {
      List<CertView> rows = new ArrayList<>();
      for (CertKeeper.CertView v : c.certs()) {
        rows.add(new CertView(v.cert().blade(), v.cert().serial(), v.cert().fingerprint(), v.cert().notAfter(),
            v.cert().hosts(), v.cert().caHolder(), v.revoked()));
      }
      return Responses.ok(rows);
    });
  }

  private CompletionStage<HttpResponse> revoke(String text) {
    RevokeRequest req;
    try {
      req = Json.parse(text, RevokeRequest.class);
      Names.requireBladeName(req.blade());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return AskPattern.<CertKeeper.Command, CertKeeper.RevokeResult>ask(parts.certs(),
        r -> new CertKeeper.Revoke(req.blade(), r), ASK, system.scheduler()).thenApply(res -> {
          if (res instanceof CertKeeper.Revoked r) {
            return Responses.ok(new Revocation(req.blade(), r.serials(), r.downed()));
          }
          CertKeeper.NotRevoked n = (CertKeeper.NotRevoked) res;
          return Responses.error(n.unknown() ? StatusCodes.NOT_FOUND : StatusCodes.CONFLICT, n.reason());
        });
  }

  private CompletionStage<HttpResponse> enrol(String text) {
    IssueRequest req;
    try {
      req = Json.parse(text, IssueRequest.class);
      Names.requireBladeName(req.blade());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return CompletableFuture.supplyAsync(() -> LocalEnrolment.accepts(parts.settings().dataDir(), req.secret()),
        system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.fromConfig(
            "dci.blocking-io-dispatcher"))).thenCompose(ok -> {
              if (!ok) {
                return CompletableFuture.completedFuture(Responses.forbidden("wrong enrolment secret"));
              }
              // a blade on this machine: its certificate names loopback only
              return AskPattern.<CertKeeper.Command, CertKeeper.IssueResult>ask(parts.certs(),
                  r -> new CertKeeper.Issue(req.blade(), List.of(), r), ASK, system.scheduler())
                  .thenApply(res -> res instanceof CertKeeper.Issued i ? Responses.ok(CertIssuer.issued(i))
                      : Responses.error(StatusCodes.SERVICE_UNAVAILABLE, ((CertKeeper.NotIssued) res).reason()));
            });
  }
}
