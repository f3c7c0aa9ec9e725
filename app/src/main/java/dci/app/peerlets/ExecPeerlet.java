package dci.app.peerlets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.actors.router.Undeliverable;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code exec}: runs an existing command-line program on this blade and replies with its exit
 * code, stdout and stderr. Only operators and admins may send it envelopes. The program runs
 * on the blocking-I/O dispatcher, with a timeout and an output cap.
 */
public final class ExecPeerlet {
  public static final String APP = "exec";
  static final int OUTPUT_CAP = 1 << 20;
  static final long DEFAULT_TIMEOUT_MS = 30_000;
  static final long MAX_TIMEOUT_MS = 600_000;

  private record Finished(Envelope request, ExecRun.Result result) implements PeerletMessage {}

  private ExecPeerlet() {}

  public static PeerletType type() {
    return new PeerletType(APP, Role.OPERATOR, ExecPeerlet::create);
  }

  static Behavior<PeerletMessage> create(PeerletApi api) {
    return Behaviors.setup(context -> {
      api.ready();
      return Behaviors.receive(PeerletMessage.class)
          .onMessage(PeerletMessage.Incoming.class, m -> {
            Envelope e = m.envelope();
            if (Undeliverable.is(e)) {
              return Behaviors.same();
            }
            ExecRun.Request request;
            try {
              request = ExecRun.parse(e.payload(), DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
            } catch (IllegalArgumentException bad) {
              api.reply(e, reply(new ExecRun.Result(-1, "", "", false, false, 0, bad.getMessage()), api.blade()));
              return Behaviors.same();
            }
            context.pipeToSelf(CompletableFuture.supplyAsync(() -> ExecRun.run(request, OUTPUT_CAP), api.blockingIo()),
                (result, failure) -> new Finished(e, result != null ? result
                    : new ExecRun.Result(-1, "", "", false, false, 0, String.valueOf(failure))));
            return Behaviors.same();
          })
          .onMessage(Finished.class, f -> {
            api.reply(f.request(), reply(f.result(), api.blade()));
            return Behaviors.same();
          })
          .build();
    });
  }

  static ObjectNode reply(ExecRun.Result r, String blade) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("blade", blade);
    n.put("exitCode", r.exitCode());
    n.put("stdout", r.stdout());
    n.put("stderr", r.stderr());
    n.put("truncated", r.truncated());
    n.put("timedOut", r.timedOut());
    n.put("durationMs", r.durationMs());
    if (r.error() != null) {
      n.put("error", r.error());
    }
    return n;
  }
}
