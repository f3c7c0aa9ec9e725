package dci.actors.tls;

import dci.protocol.tls.CertRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;

/**
 * The blade's part in the cluster's certificates: it lists its own certificate in the replicated
 * table of issued certificates, keeps its TLS refusing every revoked serial (replicated, and on
 * disk for the next start), issues join bundles when this blade holds the cluster CA, and
 * revokes a blade's certificates (then downs the blade).
 */
public final class CertKeeper extends AbstractBehavior<CertKeeper.Command> {

  public interface Command {}

  /**
   * Issues a bundle for {@code blade} (a new key and certificate), or with {@code publicKey} a
   * certificate over that key alone; only the blade holding the CA can.
   */
  public record Issue(String blade, List<String> hosts, java.security.PublicKey publicKey,
      ActorRef<IssueResult> replyTo) implements Command {
    public Issue(String blade, List<String> hosts, ActorRef<IssueResult> replyTo) {
      this(blade, hosts, null, replyTo);
    }
  }

  public sealed interface IssueResult {}

  /** {@code bundle}: the join bundle's text, or for a public key the certificate and the CA's (PEM, no key). */
  public record Issued(String bundle, CertRecord record) implements IssueResult {}

  /** {@code holder}: the blade holding the CA, when it is not this one (null if none is known). */
  public record NotIssued(String reason, String holder) implements IssueResult {}

  /** The issued certificates, newest first, each with whether it is revoked. */
  public record ListCerts(ActorRef<Certs> replyTo) implements Command {}

  public record Certs(List<CertView> certs) {}

  public record CertView(CertRecord cert, boolean revoked) {}

  /** Revokes every certificate of {@code blade} and downs it. */
  public record Revoke(String blade, ActorRef<RevokeResult> replyTo) implements Command {}

  public sealed interface RevokeResult {}

  public record Revoked(List<String> serials, boolean downed) implements RevokeResult {}

  public record NotRevoked(String reason, boolean unknown) implements RevokeResult {}

  /** Both keys' changes through one adapter: typed message adapters are keyed by class. */
  @SuppressWarnings("rawtypes")
  private record DataChanged(Replicator.SubscribeResponse rsp) implements Command {}

  private record Signed(Issue request, Made made, Throwable failure) implements Command {}

  /** A certificate made, and the text handed out with it. */
  private record Made(java.security.cert.X509Certificate certificate, String text) {}

  private record Stored(Replicator.UpdateResponse<?> rsp, Runnable onSuccess, Runnable onFailure) implements Command {}

  private record RevokedSaved(Throwable failure) implements Command {}

  private record CertsRead(Replicator.GetResponse<LWWMap<String, CertRecord>> rsp, Revoke request) implements Command {}

  private final BladeTls tls;
  private final Duration writeTimeout;
  private final Executor io;
  private final SelfUniqueAddress node;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, CertRecord>> certsData;
  private final ReplicatorMessageAdapter<Command, ORSet<String>> revokedData;
  private LWWMap<String, CertRecord> certs = LWWMap.empty();
  private Set<String> revoked;

  private CertKeeper(ActorContext<Command> context, BladeTls tls, Duration writeTimeout) {
    super(context);
    this.tls = tls;
    this.writeTimeout = writeTimeout;
    this.revoked = tls.revoked();
    this.io = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    DistributedData dd = DistributedData.get(context.getSystem());
    this.node = dd.selfUniqueAddress();
    this.certsData = new ReplicatorMessageAdapter<>(context, dd.replicator(), writeTimeout.plusSeconds(1));
    this.revokedData = new ReplicatorMessageAdapter<>(context, dd.replicator(), writeTimeout.plusSeconds(1));
    subscribe(context, dd);
    publishOwn();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void subscribe(ActorContext<Command> context, DistributedData dd) {
    org.apache.pekko.actor.typed.ActorRef subscriber =
        context.messageAdapter(Replicator.SubscribeResponse.class, DataChanged::new);
    dd.replicator().tell(new Replicator.Subscribe<>(CertKeys.CERTS, subscriber));
    dd.replicator().tell(new Replicator.Subscribe<>(CertKeys.REVOKED, subscriber));
  }

  public static Behavior<Command> create(BladeTls tls, Duration writeTimeout) {
    return Behaviors.setup(context -> new CertKeeper(context, tls, writeTimeout));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Issue.class, this::onIssue)
        .onMessage(Signed.class, this::onSigned)
        .onMessage(ListCerts.class, this::onList)
        .onMessage(Revoke.class, this::onRevoke)
        .onMessage(CertsRead.class, this::onCertsRead)
        .onMessage(DataChanged.class, this::onDataChanged)
        .onMessage(Stored.class, this::onStored)
        .onMessage(RevokedSaved.class, this::onRevokedSaved)
        .build();
  }

  private void publishOwn() {
    BladeCredentials own = tls.credentials();
    CertRecord mine = CertKeys.record(own, tls.dir().holdsCa());
    certsData.askUpdate(r -> new Replicator.Update<>(CertKeys.CERTS, LWWMap.empty(), Replicator.writeLocal(), r,
        m -> m.put(node, mine.serial(), mine)), rsp -> new Stored(rsp, () -> { }, () -> { }));
  }

  private Behavior<Command> onIssue(Issue m) {
    if (!tls.dir().holdsCa()) {
      String holder = certs.getEntries().values().stream().filter(CertRecord::caHolder)
          .max(Comparator.comparing(CertRecord::seen)).map(CertRecord::blade).orElse(null);
      m.replyTo().tell(new NotIssued("blade " + tls.credentials().blade() + " does not hold the cluster CA", holder));
      return this;
    }
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> make(tls.dir().ca(), m), io),
        (c, failure) -> new Signed(m, c, failure));
    return this;
  }

  private static Made make(ClusterCa ca, Issue m) {
    if (m.publicKey() == null) {
      BladeCredentials c = ca.issue(m.blade(), m.hosts());
      return new Made(c.certificate(), JoinBundle.text(c));
    }
    var cert = ca.issue(m.blade(), m.hosts(), m.publicKey());
    return new Made(cert, Pem.of(cert) + Pem.of(ca.certificate()));
  }

  private Behavior<Command> onSigned(Signed m) {
    if (m.failure() != null) {
      Throwable cause = m.failure() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
          ? c.getCause() : m.failure();
      m.request().replyTo().tell(new NotIssued(cause.getMessage(), null));
      return this;
    }
    CertRecord record = CertKeys.record(m.request().blade(), m.made().certificate(), false);
    String bundle = m.made().text();
    certs = certs.put(node, record.serial(), record);
    certsData.askUpdate(r -> new Replicator.Update<>(CertKeys.CERTS, LWWMap.empty(),
            new Replicator.WriteMajority(writeTimeout), r, map -> map.put(node, record.serial(), record)),
        rsp -> new Stored(rsp, () -> m.request().replyTo().tell(new Issued(bundle, record)),
            () -> m.request().replyTo().tell(new NotIssued("the certificate was made but could not be recorded on a "
                + "majority of blades in " + writeTimeout.toSeconds() + " s; try again", null))));
    return this;
  }

  private Behavior<Command> onList(ListCerts m) {
    m.replyTo().tell(new Certs(certs.getEntries().values().stream()
        .sorted(Comparator.comparing(CertRecord::blade).thenComparing(CertRecord::notAfter, Comparator.reverseOrder()))
        .map(c -> new CertView(c, revoked.contains(c.serial()))).toList()));
    return this;
  }

  /** Reads the certificates from a majority first: one issued a moment ago through another blade counts. */
  private Behavior<Command> onRevoke(Revoke m) {
    certsData.askGet(r -> new Replicator.Get<>(CertKeys.CERTS, new Replicator.ReadMajority(writeTimeout), r),
        rsp -> new CertsRead(rsp, m));
    return this;
  }

  private Behavior<Command> onCertsRead(CertsRead read) {
    if (read.rsp() instanceof Replicator.GetSuccess<LWWMap<String, CertRecord>> ok) {
      certs = certs.merge(ok.get(CertKeys.CERTS));
    }
    return revoke(read.request());
  }

  private Behavior<Command> revoke(Revoke m) {
    List<String> serials = certs.getEntries().values().stream().filter(c -> c.blade().equals(m.blade()))
        .map(CertRecord::serial).toList();
    if (serials.isEmpty()) {
      m.replyTo().tell(new NotRevoked("no certificate of blade " + m.blade() + " is known", true));
      return this;
    }
    if (m.blade().equals(tls.credentials().blade())) {
      m.replyTo().tell(new NotRevoked("a blade does not revoke itself: ask another blade", false));
      return this;
    }
    revokedData.askUpdate(r -> new Replicator.Update<>(CertKeys.REVOKED, ORSet.empty(),
            new Replicator.WriteMajority(writeTimeout), r, set -> {
              ORSet<String> s = set;
              for (String serial : serials) {
                s = s.add(node, serial);
              }
              return s;
            }),
        rsp -> new Stored(rsp, () -> m.replyTo().tell(new Revoked(serials, down(m.blade()))),
            () -> m.replyTo().tell(new NotRevoked("the revocation did not reach a majority of blades in "
                + writeTimeout.toSeconds() + " s; it spreads by gossip, try again to be sure", false))));
    return this;
  }

  private boolean down(String blade) {
    Cluster cluster = Cluster.get(getContext().getSystem());
    boolean found = false;
    for (Member member : cluster.state().getMembers()) {
      if (dci.actors.BladeSettings.nameOf(member.getRoles()).filter(blade::equals).isPresent()) {
        cluster.manager().tell(new Down(member.address()));
        found = true;
      }
    }
    return found;
  }

  private Behavior<Command> onStored(Stored m) {
    if (m.rsp() instanceof Replicator.UpdateSuccess<?>) {
      m.onSuccess().run();
    } else {
      m.onFailure().run();
    }
    return this;
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onDataChanged(DataChanged m) {
    if (!(m.rsp() instanceof Replicator.Changed<?> c)) {
      return this;
    }
    if (c.key().equals(CertKeys.CERTS)) {
      certs = (LWWMap<String, CertRecord>) c.dataValue();
      return this;
    }
    Set<String> serials = Set.copyOf(((ORSet<String>) c.dataValue()).getElements());
    revoked = serials;
    if (serials.contains(Keys.serial(tls.credentials().certificate()))) {
      getContext().getLog().error("the certificate of this blade ({}) is revoked: other blades refuse it",
          tls.credentials().blade());
    }
    getContext().pipeToSelf(CompletableFuture.runAsync(() -> {
      try {
        tls.setRevoked(serials);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io), (ok, failure) -> new RevokedSaved(failure));
    return this;
  }

  private Behavior<Command> onRevokedSaved(RevokedSaved m) {
    if (m.failure() != null) {
      getContext().getLog().warn("could not keep the revoked serials on disk: {}", m.failure().getMessage());
    }
    return this;
  }
}
