package dci.bench;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Raw baseline: keeps {@code window} pings in flight to a remote echo until {@code count} pongs came back. */
final class Pinger {
  private Pinger() {}

  /** The raw echo actor the serving blade runs (at /system/raw-echo). */
  static Behavior<RawPing> echo() {
    return Behaviors.receive(RawPing.class).onMessage(RawPing.class, p -> {
      p.replyTo().tell(new RawPong(p.data()));
      return Behaviors.same();
    }).build();
  }

  static Behavior<RawPong> create(ActorRef<RawPing> target, String data, int count, int window,
      CompletableFuture<Long> done) {
    return Behaviors.setup(context -> {
      long t0 = System.nanoTime();
      int[] sent = {0};
      int[] received = {0};
      for (; sent[0] < Math.min(window, count); sent[0]++) {
        target.tell(new RawPing(data, context.getSelf()));
      }
      return Behaviors.receive(RawPong.class).onMessage(RawPong.class, p -> {
        received[0]++;
        if (sent[0] < count) {
          sent[0]++;
          target.tell(new RawPing(data, context.getSelf()));
        }
        if (received[0] == count) {
          done.complete(System.nanoTime() - t0);
          return Behaviors.stopped();
        }
        return Behaviors.same();
      }).build();
    });
  }
}
