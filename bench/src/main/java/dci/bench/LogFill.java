package dci.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.DciConfig;
import dci.actors.log.Direction;
import dci.actors.log.LogPosition;
import dci.actors.log.MessageLog;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Driver of bench/log.sh: fills the message log of blade {@code blade-1} under a data directory
 * (the blade not running) with {@code count} envelopes through the log's production write path:
 * the {@link MessageLog} actor with the blade's configuration, its batcher, its journal (one
 * event per batch, pekko-persistence-jdbc on the blade's H2 file) and its read side's indexer.
 * Only the router and Artery in front of it are left out. Every 100th envelope is app
 * {@code bench-x} (the benchmark's query), every {@code count/20}th app {@code bench-rare} (20
 * lines spread over the whole log), and the middle one an {@code echo} to blade-1 whose id is
 * printed (the benchmark replays it); the rest
 * are spread over ten other apps and four receivers. Prints {@code FILLED lines=N seconds=S
 * replay=ID}.
 */
public final class LogFill {
  private LogFill() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING\n"
            + "dci.blade.data = \"" + data.toAbsolutePath() + "\"")
        .withFallback(DciConfig.base(null)).withFallback(ConfigFactory.defaultReference()).resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "dci", config);
    ActorRef<MessageLog.Command> log = system.systemActorOf(MessageLog.create("blade-1", true), "log", Props.empty());
    Sender me = new Sender("blade-1", "bench-fill", null);
    int rare = Math.max(1, count / 20);
    UUID replay = null;
    long t0 = System.nanoTime();
    LogPosition at = null;
    for (int i = 1; i <= count; i++) {
      String app = i % rare == 0 ? "bench-rare" : i % 100 == 0 ? "bench-x" : "app-" + (i % 10);
      Recipients to = Recipients.blade("blade-" + (2 + i % 4));
      if (i == count / 2 + 1) {
        app = "echo";
        to = Recipients.blade("blade-1");
      }
      Envelope e = new Envelope(null, app, null, me, to, 4, 0, null, null, null,
          JsonNodeFactory.instance.objectNode().put("n", i).put("text", "envelope " + i + " of the log benchmark, "
              + "a payload of about two hundred bytes in all, as a chat line or a small command would be"))
          .completed(me, Instant.now());
      if (i == count / 2 + 1) {
        replay = e.id();
      }
      log.tell(new MessageLog.Append(i % 2 == 0 ? Direction.RECEIVED : Direction.SENT, e, null));
      if (i % 50_000 == 0 || i == count) {
        // wait for the log (journal and read side) to hold these before sending more: at most
        // dci.log.buffer-limit lines may wait
        at = AskPattern.<MessageLog.Command, LogPosition>ask(log, MessageLog.Position::new, Duration.ofMinutes(10),
            system.scheduler()).toCompletableFuture().get();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "FILLED lines=%d events=%d seconds=%.1f replay=%s%n", at.lastSeq(),
        at.lastEvent(), seconds, replay);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get();
  }
}
