package dci.actors;

import com.typesafe.config.Config;
import dci.actors.auth.UserRegistry;
import dci.actors.directory.Directory;
import dci.actors.log.MessageLog;
import dci.actors.peerlet.EchoPeerlet;
import dci.actors.peerlet.PeerletLimits;
import dci.actors.peerlet.PeerletManager;
import dci.actors.peerlet.PeerletRegistry;
import dci.actors.router.Router;
import dci.actors.tls.BladeTls;
import dci.actors.tls.CertKeeper;
import dci.hardware.Disk;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/**
 * The guardian of one blade (one ActorSystem): joins or forms the cluster and starts the
 * blade's parts. Parts are restarted by supervision if they crash.
 */
public final class Blade extends AbstractBehavior<Blade.Command> {

  /** Messages the guardian understands. */
  public interface Command {}

  /** Asks for references to the blade's parts. */
  public record GetParts(ActorRef<Parts> replyTo) implements Command {}

  /**
   * Starts a further part of the blade (storage, applications) as a child of the guardian,
   * restarted by supervision like the built-in ones; answers with its reference.
   */
  public record SpawnPart<T>(Behavior<T> behavior, String name, ActorRef<ActorRef<T>> replyTo)
      implements Command {}

  /** The blade's parts, for the API layer. */
  public record Parts(
      BladeSettings settings,
      ActorRef<Directory.Command> directory,
      ActorRef<UserRegistry.Command> users,
      ActorRef<Router.Command> router,
      ActorRef<PeerletManager.Command> peerlets,
      ActorRef<MessageLog.Command> log,
      PeerletRegistry registry,
      ActorRef<CertKeeper.Command> certs) {}

  /** A crashing part restarts; one that keeps crashing stops rather than spin. */
  private static final SupervisorStrategy RESTART =
      SupervisorStrategy.restart().withLimit(10, java.time.Duration.ofMinutes(1));

  private final Parts parts;

  private Blade(ActorContext<Command> context, BladeSettings settings, Config config, PeerletRegistry registry) {
    super(context);
    LingeringConnections.closeWhenStopping(context.getSystem(), settings.name());
    joinCluster(context, settings);
    Disk disk = Disk.at(settings.dataDir());
    var directory = context.spawn(
        Behaviors.supervise(Directory.create(
                settings.name(), ApiAddress.url(settings, config), disk,
                config.getDuration("dci.directory.stats-interval"),
                config.getInt("dci.directory.keep-departed")))
            .onFailure(RESTART),
        "directory");
    var users = context.spawn(
        Behaviors.supervise(UserRegistry.create(UserRegistry.Settings.fromConfig(config)))
            .onFailure(RESTART),
        "users");
    var log = context.spawn(
        Behaviors.supervise(MessageLog.create(settings.name(), config.getBoolean("dci.log.enabled")))
            .onFailure(RESTART),
        "log");
    var peerlets = context.spawn(
        Behaviors.supervise(PeerletManager.create(settings.name(), registry, PeerletLimits.from(config)))
            .onFailure(RESTART),
        "peerlets");
    var router = context.spawn(
        Behaviors.supervise(Router.create(settings.name(), log, peerlets, registry, directory)).onFailure(RESTART),
        Router.NAME);
    peerlets.tell(new PeerletManager.UseRouter(router));
    context.spawn(Router.largeLane(router), Router.LARGE_NAME);
    BladeTls tls = BladeTls.live(settings.dataDir()).orElseThrow(() -> new IllegalStateException(
        "blade " + settings.name() + " runs without its TLS (pekko.remote.artery.transport must be tls-tcp)"));
    var certs = context.spawn(
        Behaviors.supervise(CertKeeper.create(tls, config.getDuration("dci.auth.write-timeout"))).onFailure(RESTART),
        "certs");
    this.parts = new Parts(settings, directory, users, router, peerlets, log, registry, certs);
  }

  /** The guardian of a blade running only the built-in {@code echo} peerlet. */
  public static Behavior<Command> create(BladeSettings settings, Config config) {
    return create(settings, config, new PeerletRegistry().register(EchoPeerlet.type()));
  }

  /** The guardian of a blade with these settings, configuration and peerlet types. */
  public static Behavior<Command> create(BladeSettings settings, Config config, PeerletRegistry registry) {
    return Behaviors.setup(context -> new Blade(context, settings, config, registry));
  }

  private static void joinCluster(ActorContext<Command> context, BladeSettings settings) {
    Cluster cluster = Cluster.get(context.getSystem());
    if (settings.formsCluster()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      List<Address> seeds = settings.seeds().stream()
          .map(BladeSettings::parseSeed)
          .map(hp -> new Address("pekko", BladeSettings.SYSTEM_NAME, hp.host(), hp.port()))
          .toList();
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetParts.class, this::onGetParts)
        .onMessage(SpawnPart.class, this::onSpawnPart)
        .build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Behavior<Command> onSpawnPart(SpawnPart request) {
    ActorRef child = getContext().spawn(Behaviors.supervise(request.behavior()).onFailure(RESTART), request.name());
    request.replyTo().tell(child);
    return this;
  }

  private Behavior<Command> onGetParts(GetParts request) {
    request.replyTo().tell(parts);
    return this;
  }
}
