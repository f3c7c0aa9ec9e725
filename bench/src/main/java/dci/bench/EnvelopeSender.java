package dci.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.protocol.auth.Role;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A peerlet that sends {@code count} envelopes to {@code echo} on another blade through the
 * ordinary peerlet API (router, log, Artery, peerlet manager and back), keeping {@code window}
 * in flight, and completes {@code done} with the elapsed nanoseconds.
 */
final class EnvelopeSender {
  static final String APP = "bench-sender";

  private EnvelopeSender() {}

  /** One run: how many round trips, and where to report the elapsed time. */
  record Run(int count, CompletableFuture<Long> done) {}

  /** The type; each instance GUID runs the {@link Run} registered under it in {@code runs}. */
  static PeerletType type(String target, String data, int window, java.util.Map<String, Run> runs) {
    return new PeerletType(APP, Role.OPERATOR, api -> {
      Run run = runs.get(api.instance());
      return create(api, target, data, run.count(), window, run.done());
    });
  }

  private static Behavior<PeerletMessage> create(PeerletApi api, String target, String data, int count, int window,
      CompletableFuture<Long> done) {
    api.ready();
    long[] t0 = {0};
    int[] sent = {0};
    int[] received = {0};
    var payload = JsonNodeFactory.instance.textNode(data);
    return Behaviors.receive(PeerletMessage.class).onMessage(PeerletMessage.Incoming.class, m -> {
      if (m.envelope().correlationId() == null) { // the "go" from the driver
        t0[0] = System.nanoTime();
        for (; sent[0] < Math.min(window, count); sent[0]++) {
          api.send(target, "echo", null, payload);
        }
        return Behaviors.same();
      }
      received[0]++;
      if (sent[0] < count) {
        sent[0]++;
        api.send(target, "echo", null, payload);
      }
      if (received[0] == count) {
        done.complete(System.nanoTime() - t0[0]);
      }
      return Behaviors.same();
    }).build();
  }
}
