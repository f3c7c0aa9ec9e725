package dci.app.aims;

import dci.actors.Blade;
import dci.actors.auth.Principal;
import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.actors.router.Undeliverable;
import dci.protocol.BladeInfo;
import dci.protocol.aims.PlaybackReport;
import dci.protocol.api.Since;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.protocol.envelope.XmlEnvelopeCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /api/aims/playback?on=BLADES&wait=D} (operators; each envelope also needs its app's
 * role): a recorded or synthetic task, the message log's XML export, played on each blade named,
 * its envelopes in order, each waited for, the blades side by side; answers a report per blade.
 * Each envelope played is a new one marked replay-of the recorded one, so it is logged as well.
 */
final class PlaybackRoutes extends AllDirectives {
  static final int MAX_BYTES = 64 << 20;
  private final Gate gate;
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final Fleet fleet;
  private final XmlEnvelopeCodec xml;

  PlaybackRoutes(FeatureContext c, Fleet fleet) {
    this.gate = c.gate();
    this.system = c.system();
    this.parts = c.parts();
    this.fleet = fleet;
    this.xml = new XmlEnvelopeCodec(new EnvelopeLimits((int) c.config().getBytes("dci.envelope.max-bytes").longValue(),
        c.config().getInt("dci.envelope.max-depth")));
  }

  Route api() {
    return path(PathMatchers.segment("aims").slash("playback"), () -> post(() -> parameterOptional("on", on ->
        parameterOptional("wait", wait -> gate.authorize(Role.OPERATOR, who -> withSizeLimit(MAX_BYTES, () ->
            entity(Unmarshaller.entityToByteString(), bytes -> completeWithFuture(play(who, on.orElse("all"),
                wait.orElse("10s"), bytes.toArray())))))))));
  }

  private CompletionStage<HttpResponse> play(Principal who, String on, String waitText, byte[] doc) {
    List<Envelope> task;
    Duration wait;
    try {
      wait = Since.parse(waitText);
      if (wait.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("wait is at most 10m");
      }
      task = xml.decodeAll(doc, MAX_BYTES);
      if (task.isEmpty()) {
        throw new IllegalArgumentException("the file holds no envelope (export one with dci log --format xml)");
      }
      for (Envelope e : task) {
        Role needed = parts.registry().find(e.appType()).map(t -> t.leastRole()).orElse(Role.OPERATOR);
        if (!who.role().atLeast(needed)) {
          return CompletableFuture.completedFuture(Responses.forbidden("playing '" + e.appType() + "' needs "
              + needed.wireName()));
        }
      }
    } catch (IllegalArgumentException | EnvelopeException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    List<Envelope> steps = task;
    Duration w = wait;
    return fleet.targets(on).thenCompose(blades -> {
      List<CompletableFuture<PlaybackReport>> all = new ArrayList<>();
      for (BladeInfo b : blades) {
        all.add(playOn(b.name(), steps, w).toCompletableFuture());
      }
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .thenApply(v -> Responses.ok(all.stream().map(CompletableFuture::join).toList()));
    }).exceptionally(e -> Responses.badRequest(String.valueOf(e.getCause() != null ? e.getCause().getMessage()
        : e.getMessage())));
  }

  /** The task's envelopes to {@code blade}, one after the other. */
  private CompletionStage<PlaybackReport> playOn(String blade, List<Envelope> task, Duration wait) {
    long t0 = System.nanoTime();
    int[] counts = new int[3]; // answered, undeliverable, unanswered
    List<String> problems = new ArrayList<>();
    Sender me = new Sender(parts.settings().name(), null, null);
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (Envelope o : task) {
      chain = chain.thenCompose(v -> {
        Envelope again = new Envelope(null, o.appType(), o.instance(), me, Recipients.blade(blade),
            o.ttl() == null ? null : Math.max(o.ttl(), 1), 0, null, null, o.id(), o.payload())
            .completed(me, Instant.now());
        return AskPattern.<Router.Command, RouteResult>ask(parts.router(), r -> new Router.Send(again, wait, r),
            wait.plusSeconds(10), system.scheduler()).handle((res, err) -> {
              synchronized (problems) {
                if (err != null || res == null || res.replies().isEmpty()) {
                  counts[2]++;
                  note(problems, o.appType() + " " + o.id() + ": no answer within " + wait.toSeconds() + " s");
                } else if (res.replies().stream().anyMatch(Undeliverable::is)) {
                  counts[1]++;
                  note(problems, o.appType() + " " + o.id() + ": " + res.replies().stream().filter(Undeliverable::is)
                      .map(Undeliverable::reason).findFirst().orElse("undeliverable"));
                } else {
                  counts[0]++;
                }
              }
              return null;
            });
      });
    }
    return chain.thenApply(v -> {
      synchronized (problems) {
        return new PlaybackReport(blade, task.size(), counts[0], counts[1], counts[2],
            (System.nanoTime() - t0) / 1_000_000, problems, counts[0] == task.size());
      }
    });
  }

  private static void note(List<String> problems, String p) {
    if (problems.size() < 20) {
      problems.add(p);
    }
  }
}
