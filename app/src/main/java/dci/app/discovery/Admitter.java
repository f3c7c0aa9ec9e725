package dci.app.discovery;

import dci.actors.directory.Directory;
import dci.actors.feature.FeatureContext;
import dci.actors.tls.CertIssuer;
import dci.actors.tls.Hosts;
import dci.actors.tls.Pem;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.Json;
import dci.protocol.auth.Names;
import dci.protocol.discovery.AdmissionInfo;
import dci.protocol.discovery.AdmitRequest;
import dci.protocol.discovery.Admitted;
import dci.protocol.discovery.Admission;
import dci.protocol.tls.IssueRequest;
import dci.protocol.tls.IssuedCert;
import java.io.IOException;
import java.net.InetAddress;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code dci admit}: reads the waiting node's info (its key proven over TLS), has the blade
 * holding the CA certify that key for the node's name and addresses (as {@code dci cert issue}
 * does, with the caller's token), sends the node its certificate, the CA's and the Up blades as
 * seeds, and waits until the node is Up in the directory.
 */
final class Admitter {
  private static final Duration ASK = Duration.ofSeconds(5);

  /** A refused or failed admission, with the HTTP status to answer. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final ActorSystem<?> system;
  private final org.apache.pekko.actor.typed.ActorRef<Directory.Command> directory;
  private final CertIssuer issuer;
  private final CandidateClient candidates;
  private final DiscoverySettings settings;
  private final Executor io;

  Admitter(FeatureContext c, CandidateClient candidates, DiscoverySettings settings) {
    this.system = c.system();
    this.directory = c.parts().directory();
    this.issuer = new CertIssuer(c);
    this.candidates = candidates;
    this.settings = settings;
    this.io = c.io();
  }

  CompletionStage<Admitted> admit(AdmitRequest req, String authorization) {
    String host = Hosts.require(req.host());
    int port = Discoverer.port(req.port());
    if (req.name() != null) {
      Names.requireBladeName(req.name());
    }
    return CompletableFuture.supplyAsync(() -> info(host, port), io).thenCompose(c -> blades().thenCompose(all -> {
      check(req, c.info(), all);
      return certify(c.info(), authorization).thenApplyAsync(cert -> send(c, port, cert, seeds(all), req.code()), io);
    })).thenCompose(serial -> awaitUp(serial.name(), serial.serial(), System.nanoTime() + settings.admitTimeout().toNanos()));
  }

  private record Candidate(InetAddress address, AdmissionInfo info, PublicKey key) {}

  private record Sent(String name, String serial) {}

  private Candidate info(String host, int port) {
    try {
      InetAddress a = InetAddress.getByName(host);
      AdmissionInfo i = candidates.info(a, port);
      return new Candidate(a, i, Pem.publicKey(i.publicKey()));
    } catch (IOException e) {
      throw new Refused(502, "no DCI node awaiting admission answers at " + host + ":" + port + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(503, "interrupted");
    }
  }

  private static void check(AdmitRequest req, AdmissionInfo info, List<BladeInfo> all) {
    if (req.name() != null && !req.name().equals(info.name())) {
      throw new Refused(409, "the node there is named " + info.name() + ", not " + req.name());
    }
    if (req.fingerprint() != null && !req.fingerprint().strip().equalsIgnoreCase(info.fingerprint())) {
      throw new Refused(409, "the node there shows key fingerprint " + info.fingerprint() + ", not the one given: "
          + "refused (someone else may be answering at that address)");
    }
    if (info.codeRequired() && req.code() == null) {
      throw new Refused(400, info.name() + " needs its admission code (--code)");
    }
    Names.requireBladeName(info.name());
    for (BladeInfo b : all) {
      if (b.name().equals(info.name()) && b.status() != BladeStatus.Down && b.status() != BladeStatus.Removed) {
        throw new Refused(409, "a blade named " + info.name() + " is already in the cluster (" + b.status() + ")");
      }
    }
  }

  private CompletionStage<X509Certificate[]> certify(AdmissionInfo info, String authorization) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String h : new String[] {info.host(), info.httpHost()}) {
      if (h != null && !h.equals("0.0.0.0") && !h.equals("::")) {
        hosts.add(Hosts.require(h));
      }
    }
    String body = new String(Json.bytes(new IssueRequest(info.name(), List.copyOf(hosts), null, info.publicKey())),
        java.nio.charset.StandardCharsets.UTF_8);
    return issuer.issue(body, authorization).thenCompose(rsp -> rsp.entity().toStrict(10_000, system)
        .thenApply(strict -> {
          String text = strict.getData().utf8String();
          if (rsp.status().intValue() != 200) {
            throw new Refused(rsp.status().intValue(), "the certificate was not issued: " + text);
          }
          IssuedCert issued = Json.parse(text, IssuedCert.class);
          List<X509Certificate> certs = Pem.certificates(issued.bundle());
          return new X509Certificate[] {certs.get(0), certs.get(1)};
        }));
  }

  private Sent send(Candidate c, int port, X509Certificate[] certs, List<String> seeds, String code) {
    if (seeds.isEmpty()) {
      throw new Refused(503, "no Up blade to give the node as a seed");
    }
    try {
      var r = candidates.admit(c.address(), port, new Admission(Pem.of(certs[0]), Pem.of(certs[1]), seeds, code),
          c.key());
      if (r.statusCode() != 200) {
        throw new Refused(502, c.info().name() + " refused its admission (" + r.statusCode() + "): "
            + CandidateClient.reason(r));
      }
      return new Sent(c.info().name(), certs[0].getSerialNumber().toString(16));
    } catch (IOException e) {
      throw new Refused(502, "could not send " + c.info().name() + " its admission: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(503, "interrupted");
    }
  }

  private static List<String> seeds(List<BladeInfo> all) {
    return all.stream().filter(b -> b.status() == BladeStatus.Up && b.address() != null).map(BladeInfo::address)
        .toList();
  }

  private CompletionStage<List<BladeInfo>> blades() {
    return AskPattern.ask(directory, Directory.GetBlades::new, ASK, system.scheduler()).thenApply(b -> b.blades());
  }

  private CompletionStage<Admitted> awaitUp(String name, String serial, long deadline) {
    return blades().thenCompose(all -> {
      for (BladeInfo b : all) {
        if (b.name().equals(name) && b.status() == BladeStatus.Up) {
          return CompletableFuture.completedFuture(new Admitted(name, "Up", b.address(), serial));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new Refused(504, name + " took its admission but is not Up after " + settings.admitTimeout().toSeconds()
            + " s: see its log");
      }
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
          .thenCompose(x -> awaitUp(name, serial, deadline));
    });
  }

  /** The refusal inside a failed stage, if that is what failed it. */
  static Refused refusal(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof Refused r ? r : null;
  }
}
