package dci.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.router.Router;
import dci.app.node.BladeNode;
import dci.protocol.BladeStatus;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Props;

/**
 * Driver of bench/routing.sh. {@code serve}: a blade with a raw Artery echo beside its echo
 * peerlet. {@code drive}: a second blade (another process) that measures round trips per
 * second to the raw echo (plain Artery tell) and to the echo peerlet (envelopes through
 * routers, log and peerlet managers), same payload size and window, and prints one RESULT line.
 */
public final class RoutingBench {
  private RoutingBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    int http = Integer.parseInt(args[2]);
    Path data = Path.of(args[3]);
    boolean log = Boolean.parseBoolean(args[4]);
    Config base = ConfigFactory.parseString("dci.log.enabled = " + log + "\npekko.loglevel = WARNING")
        .withFallback(DciConfig.base(null));
    if (mode.equals("serve")) {
      BladeSettings s = new BladeSettings("blade-2", "127.0.0.1", port, "127.0.0.1", http, data, List.of(), "default",
          List.of());
      BladeNode node = BladeNode.start(s, base);
      node.system().systemActorOf(Pinger.echo(), "raw-echo", Props.empty());
      System.out.println("ready");
      node.system().getWhenTerminated().toCompletableFuture().join();
      return;
    }
    int seed = Integer.parseInt(args[5]);
    int count = Integer.parseInt(args[6]);
    int size = Integer.parseInt(args[7]);
    int window = Integer.parseInt(args[8]);
    String payload = "x".repeat(size);
    Map<String, EnvelopeSender.Run> runs = new ConcurrentHashMap<>();
    BladeSettings s = new BladeSettings("blade-1", "127.0.0.1", port, "127.0.0.1", http, data,
        List.of("127.0.0.1:" + seed), "default", List.of());
    // the join bundle an operator would give blade-1, issued by blade-2's CA (same machine)
    dci.app.node.Cage.enrol(s, data.resolveSibling("b2"));
    BladeNode node = BladeNode.with(s, base)
        .peerlets(BladeNode.defaultRegistry().register(EnvelopeSender.type("blade-2", payload, window, runs))).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (node.blades().stream().filter(b -> b.status() == BladeStatus.Up).count() < 2) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the two blades did not come Up");
      }
      Thread.sleep(100);
    }
    ActorRef<RawPing> echo = ActorRefResolver.get(node.system())
        .resolveActorRef("pekko://dci@127.0.0.1:" + seed + "/system/raw-echo");
    raw(node, echo, payload, Math.max(count / 5, 1000), window);
    double rawRate = count / (raw(node, echo, payload, count, window) / 1e9);
    envelopes(node, runs, "warm", Math.max(count / 5, 1000));
    double envRate = count / (envelopes(node, runs, "measure", count) / 1e9);
    System.out.printf(java.util.Locale.ROOT, "RESULT raw=%.0f envelopes=%.0f log=%s count=%d size=%d window=%d%n",
        rawRate, envRate, log, count, size, window);
    node.leave(java.time.Duration.ofSeconds(5));
    System.exit(0);
  }

  private static long raw(BladeNode node, ActorRef<RawPing> echo, String payload, int count, int window)
      throws Exception {
    CompletableFuture<Long> done = new CompletableFuture<>();
    node.system().systemActorOf(Pinger.create(echo, payload, count, window, done),
        "pinger-" + System.nanoTime(), Props.empty());
    return done.get(10, TimeUnit.MINUTES);
  }

  private static long envelopes(BladeNode node, Map<String, EnvelopeSender.Run> runs, String instance, int count)
      throws Exception {
    CompletableFuture<Long> done = new CompletableFuture<>();
    runs.put(instance, new EnvelopeSender.Run(count, done));
    Envelope go = new Envelope(null, EnvelopeSender.APP, instance, null, Recipients.blade("blade-1"), null, null,
        null, null, null, JsonNodeFactory.instance.textNode("go"));
    node.parts().router().tell(new Router.Send(go, null, null));
    return done.get(10, TimeUnit.MINUTES);
  }
}
