package dci.app.failover;

import dci.actors.BladeSettings;
import dci.app.confine.Confinement;
import dci.app.confine.Launch;
import dci.app.peerlets.ExecRun;
import dci.hardware.port.PeripheralPort;
import dci.hardware.port.PeripheralSwitch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;

/**
 * A user's desk on this blade: a command or a shell in the user's home ({@code DATA/home/USER}),
 * confined ({@link Confinement}), with the session and its keyboard and display traffic told
 * to the user's peripheral port. Commands wait while a fail-over holds the desk (the user's
 * files still arriving). The routes only translate HTTP to and from this.
 */
final class Desk {
  /** A shell whose session never started is ended after this long. */
  private static final long UNUSED_SHELL_SECONDS = 30;

  private final BladeSettings blade;
  private final Body body;
  private final Confinement confinement;
  private final Executor io;
  private final int outputCap;

  Desk(BladeSettings blade, Body body, Confinement confinement, Executor io) {
    this.blade = blade;
    this.body = body;
    this.confinement = confinement;
    this.io = io;
    this.outputCap = (int) Math.min(Integer.MAX_VALUE - 16, body.desk().getBytes("output-cap"));
  }

  /** What came of a command. */
  sealed interface Outcome {}

  /** It ran (maybe failing, timing out or truncated: see the result). */
  record Ran(ExecRun.Result result) implements Outcome {}

  /** The blade may not run it (confinement refused). */
  record Refused(String reason) implements Outcome {}

  /** The user's home could not be prepared. */
  record Failed(String reason) implements Outcome {}

  /** Runs {@code argv} with {@code stdin} for {@code user}, on the blocking-I/O executor. */
  CompletionStage<Outcome> exec(String user, List<String> argv, String stdin, long timeoutMs) {
    Path home = home(user);
    tell(user, new PeripheralPort.Session(true));
    return body.holds().whenFree(user, body.settings().deskHold()).thenApplyAsync(x -> {
      Launch launch;
      try {
        launch = confinement.wrap(user, home, Map.of("DCI_BLADE", blade.name()), argv);
      } catch (Confinement.Refused e) {
        tell(user, new PeripheralPort.Session(false));
        return new Refused(e.getMessage());
      } catch (IOException e) {
        tell(user, new PeripheralPort.Session(false));
        return new Failed("cannot prepare " + user + "'s home: " + e.getMessage());
      }
      ExecRun.Result r = ExecRun.run(new ExecRun.Request(launch.line(), stdin, launch.environment(), home, timeoutMs),
          outputCap);
      tell(user, new PeripheralPort.Traffic(PeripheralPort.Channel.keyboard,
          String.join(" ", argv).length() + (stdin == null ? 0 : stdin.length())));
      tell(user, new PeripheralPort.Traffic(PeripheralPort.Channel.display, r.stdout().length() + r.stderr().length()));
      tell(user, new PeripheralPort.Session(false));
      return new Ran(r);
    }, io);
  }

  /**
   * Starts {@code user}'s shell (blocking: call on the I/O executor): keyboard text in, display
   * text out, a banner first; it ends when either side closes.
   */
  Flow<String, String, ?> shell(String user) throws IOException {
    Path home = home(user);
    Launch launch = confinement.wrap(user, home, Map.of("DCI_BLADE", blade.name()),
        List.of(body.desk().getString("shell")));
    Process process = launch.processBuilder().directory(home.toFile()).redirectErrorStream(true).start();
    tell(user, new PeripheralPort.Session(true));
    AtomicBoolean ended = new AtomicBoolean();
    Runnable end = () -> {
      if (ended.compareAndSet(false, true)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        tell(user, new PeripheralPort.Session(false));
      }
    };
    Sink<String, ?> keyboard = Flow.<String>create()
        .map(s -> {
          tell(user, new PeripheralPort.Traffic(PeripheralPort.Channel.keyboard, s.length()));
          return ByteString.fromString(s);
        })
        .to(StreamConverters.fromOutputStream(process::getOutputStream, true));
    Source<String, ?> display = StreamConverters.fromInputStream(process::getInputStream, 4096)
        .map(b -> {
          tell(user, new PeripheralPort.Traffic(PeripheralPort.Channel.display, b.size()));
          return b.utf8String();
        })
        .watchTermination((m, done) -> {
          done.whenComplete((d, e) -> end.run());
          return m;
        });
    Source<String, ?> banner = Source.single(user + "'s desk on " + blade.name() + " (" + home + ")\n");
    // a client gone before its session started (while the desk was held) never runs this flow:
    // then nothing else would end the shell
    AtomicBoolean used = new AtomicBoolean();
    CompletableFuture.delayedExecutor(UNUSED_SHELL_SECONDS, TimeUnit.SECONDS).execute(() -> {
      if (!used.get() && process.isAlive()) {
        end.run();
      }
    });
    // Not coupled: the end of the keyboard closes the shell's input, and the display drains until it exits.
    return Flow.fromSinkAndSource(keyboard, banner.concat(display)).mapMaterializedValue(m -> {
      used.set(true);
      return m;
    });
  }

  private Path home(String user) {
    return blade.dataDir().resolve("home").resolve(user);
  }

  private void tell(String user, PeripheralPort.Command event) {
    ActorRef<PeripheralSwitch.Command> port = body.portSwitch();
    port.tell(new PeripheralSwitch.ToPort(user, event));
  }
}
