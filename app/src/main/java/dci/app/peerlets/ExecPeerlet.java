package dci.app.peerlets;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.peerlet.PeerletApi;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.actors.router.Undeliverable;
import dci.app.confine.Confinement;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.messaging.ExecReply;
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
  /** The account exec runs use (no DCI user name starts with '_'). */
  static final String EXEC_ACCOUNT = "_exec";
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
            var config = context.getSystem().settings().config();
            context.pipeToSelf(CompletableFuture.supplyAsync(() -> confined(config, request), api.blockingIo()),
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

  /**
   * Runs an exec request as the blade's exec account, confined to its home {@code DATA/exec}
   * (see {@link Confinement}); a working directory outside it is refused.
   */
  static ExecRun.Result confined(com.typesafe.config.Config config, ExecRun.Request r) {
    java.nio.file.Path home = java.nio.file.Path.of(config.getString("dci.blade.data")).toAbsolutePath().normalize()
        .resolve("exec");
    try {
      java.nio.file.Path cwd = r.cwd() == null ? home : home.resolve(r.cwd()).normalize();
      if (!cwd.startsWith(home)) {
        throw new IllegalArgumentException("exec cwd must be inside the exec home (" + home + ")");
      }
      dci.app.confine.Launch launch = Confinement.of(config).wrap(EXEC_ACCOUNT, home, r.env(), r.command());
      return ExecRun.run(new ExecRun.Request(launch.line(), r.stdin(), launch.environment(), cwd, r.timeoutMs()),
          OUTPUT_CAP);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return new ExecRun.Result(-1, "", "", false, false, 0, e.getMessage());
    }
  }

  static JsonNode reply(ExecRun.Result r, String blade) {
    return new ExecReply(blade, r.exitCode(), r.stdout(), r.stderr(), r.truncated(), r.timedOut(), r.durationMs(),
        r.error()).toPayload();
  }
}
