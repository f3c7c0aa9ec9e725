package dci.actors.tls;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.PeerHttp;
import dci.actors.http.PeerAddress;
import dci.actors.http.Responses;
import dci.actors.Blade;
import dci.actors.directory.Directory;
import dci.protocol.Json;
import dci.protocol.BladeInfo;
import dci.protocol.auth.Names;
import dci.protocol.auth.Role;
import dci.protocol.tls.CertView;
import dci.protocol.tls.IssueRequest;
import dci.protocol.tls.IssuedCert;
import dci.protocol.tls.RevokeRequest;
import dci.protocol.tls.Revocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
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
  private final PeerHttp peers;

  public CertRoutes(FeatureContext c) {
    this.api = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.peers = c.peers();
  }

  public Route routes() {
    return pathPrefix("cert", () -> withSizeLimit(MAX_BODY, () -> concat(
        pathEndOrSingleSlash(() -> get(() -> api.authorized(Role.ADMIN, p -> list()))),
        path("issue", () -> post(() -> headerValueByName("Authorization", auth ->
            api.authorizedText(Role.ADMIN, (p, text) -> issue(text, auth))))),
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

  private CompletionStage<HttpResponse> issue(String text, String authorization) {
    IssueRequest req;
    List<String> hosts;
    try {
      req = Json.parse(text, IssueRequest.class);
      Names.requireBladeName(req.blade());
      hosts = req.hosts() == null ? List.of() : req.hosts().stream().map(Hosts::require).toList();
      if (hosts.size() > 32) {
        throw new IllegalArgumentException("at most 32 hosts");
      }
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return AskPattern.<CertKeeper.Command, CertKeeper.IssueResult>ask(parts.certs(),
        r -> new CertKeeper.Issue(req.blade(), hosts, r), ASK, system.scheduler()).thenCompose(res -> {
          if (res instanceof CertKeeper.Issued i) {
            return CompletableFuture.completedFuture(Responses.ok(issued(i)));
          }
          CertKeeper.NotIssued n = (CertKeeper.NotIssued) res;
          if (n.holder() == null) {
            return CompletableFuture.completedFuture(Responses.error(StatusCodes.SERVICE_UNAVAILABLE, n.reason()
                + ": no blade holding the cluster CA is known"));
          }
          return forward(n.holder(), text, authorization);
        });
  }

  private static IssuedCert issued(CertKeeper.Issued i) {
    return new IssuedCert(i.record().blade(), i.record().serial(), i.record().fingerprint(), i.record().notAfter(),
        i.record().hosts(), i.bundle());
  }

  /** Passes an issue request on to the blade holding the CA, with the caller's own token. */
  private CompletionStage<HttpResponse> forward(String holder, String text, String authorization) {
    return AskPattern.ask(parts.directory(), Directory.GetBlades::new, ASK, system.scheduler()).thenCompose(b -> {
      Optional<String> url = b.blades().stream().filter(i -> i.name().equals(holder) && i.api() != null)
          .map(BladeInfo::api).findFirst();
      if (url.isEmpty()) {
        return CompletableFuture.completedFuture(Responses.error(StatusCodes.SERVICE_UNAVAILABLE,
            "the cluster CA is on blade " + holder + ", which is not reachable now"));
      }
      return peers.send(HttpRequest.POST(url.get() + "/api/cert/issue")
              .addHeader(RawHeader.create("Authorization", authorization))
              .withEntity(ContentTypes.APPLICATION_JSON, text))
          .thenCompose(rsp -> rsp.entity().toStrict(ASK.toMillis(), system)
              .thenApply(strict -> rsp.withEntity(strict)));
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
                  .thenApply(res -> res instanceof CertKeeper.Issued i ? Responses.ok(issued(i))
                      : Responses.error(StatusCodes.SERVICE_UNAVAILABLE, ((CertKeeper.NotIssued) res).reason()));
            });
  }
}
