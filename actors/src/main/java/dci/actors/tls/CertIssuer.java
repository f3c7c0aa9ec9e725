package dci.actors.tls;

import dci.actors.Blade;
import dci.actors.directory.Directory;
import dci.actors.feature.FeatureContext;
import dci.actors.http.PeerHttp;
import dci.actors.http.Responses;
import dci.protocol.BladeInfo;
import dci.protocol.Json;
import dci.protocol.auth.Names;
import dci.protocol.tls.IssueRequest;
import dci.protocol.tls.IssuedCert;
import java.security.PublicKey;
import java.time.Duration;
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

/**
 * Issues a certificate the way {@code POST /api/cert/issue} does: on the blade holding the
 * cluster CA it signs, any other blade passes the request on to that blade with the caller's own
 * token (so the holder checks the caller's role again). {@code dci admit} uses it too.
 */
public final class CertIssuer {
  static final Duration ASK = Duration.ofSeconds(15);

  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final PeerHttp peers;

  public CertIssuer(FeatureContext c) {
    this.system = c.system();
    this.parts = c.parts();
    this.peers = c.peers();
  }

  /** Issues what the JSON {@link IssueRequest} {@code text} asks for; the answer as the route gives it. */
  public CompletionStage<HttpResponse> issue(String text, String authorization) {
    IssueRequest req;
    List<String> hosts;
    PublicKey key;
    try {
      req = Json.parse(text, IssueRequest.class);
      Names.requireBladeName(req.blade());
      hosts = req.hosts() == null ? List.of() : req.hosts().stream().map(Hosts::require).toList();
      if (hosts.size() > 32) {
        throw new IllegalArgumentException("at most 32 hosts");
      }
      key = req.publicKey() == null ? null : Pem.publicKey(req.publicKey());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return AskPattern.<CertKeeper.Command, CertKeeper.IssueResult>ask(parts.certs(),
        r -> new CertKeeper.Issue(req.blade(), hosts, key, r), ASK, system.scheduler()).thenCompose(res -> {
          if (res instanceof CertKeeper.Issued i) {
            return CompletableFuture.completedFuture(Responses.ok(issued(i)));
          }
          CertKeeper.NotIssued n = (CertKeeper.NotIssued) res;
          if (n.holder() == null) {
            return CompletableFuture.completedFuture(Responses.error(StatusCodes.SERVICE_UNAVAILABLE, n.reason()
                + (n.reason().contains("does not hold") ? ": no blade holding the cluster CA is known" : "")));
          }
          return forward(n.holder(), text, authorization);
        });
  }

  static IssuedCert issued(CertKeeper.Issued i) {
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
}
