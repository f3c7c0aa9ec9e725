package dci.app.aims;

import com.fasterxml.jackson.databind.JavaType;
import dci.actors.directory.Directory;
import dci.actors.http.PeerHttp;
import dci.app.packages.InstallTargets;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Asks the blades an AIMS command is {@code --on} (all, B1,B2 or role:R; every one Up) for their
 * part, all at once: this blade answers itself, the others through their
 * {@code /internal/aims/...} with the service token. Each blade's answer or error is kept apart.
 */
final class Fleet {
  private final ActorSystem<?> system;
  private final ActorRef<Directory.Command> directory;
  private final PeerHttp peers;
  private final String self;

  Fleet(ActorSystem<?> system, ActorRef<Directory.Command> directory, PeerHttp peers, String self) {
    this.system = system;
    this.directory = directory;
    this.peers = peers;
    this.self = self;
  }

  /** A blade's answer, or why there is none. */
  record Answer<T>(String blade, T value, String error) {}

  /** The blades {@code on} names (an {@link IllegalArgumentException} if it names none that are Up). */
  CompletionStage<List<BladeInfo>> targets(String on) {
    return AskPattern.<Directory.Command, Directory.Blades>ask(directory, Directory.GetBlades::new,
        Duration.ofSeconds(10), system.scheduler()).thenApply(d -> {
          List<String> names = InstallTargets.resolve(on, d.blades());
          Map<String, BladeInfo> up = new LinkedHashMap<>();
          d.blades().stream().filter(b -> b.status() == BladeStatus.Up).forEach(b -> up.put(b.name(), b));
          return names.stream().map(up::get).toList();
        });
  }

  /**
   * Asks each of {@code blades}: {@code local} here, {@code GET /internal/aims/PATH_AND_QUERY}
   * elsewhere, answered as {@code type}; every answer within {@code timeout}.
   */
  <T> CompletionStage<List<Answer<T>>> ask(List<BladeInfo> blades, String pathAndQuery, JavaType type,
      Supplier<CompletionStage<T>> local, Duration timeout) {
    return ask(blades, pathAndQuery, null, type, local, timeout);
  }

  /** As {@link #ask}, POSTing {@code body} (as JSON) when it is not null. */
  <T> CompletionStage<List<Answer<T>>> ask(List<BladeInfo> blades, String pathAndQuery, Object body, JavaType type,
      Supplier<CompletionStage<T>> local, Duration timeout) {
    List<CompletableFuture<Answer<T>>> all = new ArrayList<>();
    for (BladeInfo b : blades) {
      CompletionStage<T> one = b.name().equals(self) ? local.get() : remote(b, pathAndQuery, body, type, timeout);
      all.add(one.toCompletableFuture().orTimeout(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
          .handle((v, e) -> e == null ? new Answer<>(b.name(), v, null) : new Answer<>(b.name(), null, reason(e))));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
  }

  /** One blade's answer, through this blade's part when it is this blade. */
  <T> CompletionStage<T> one(BladeInfo b, String pathAndQuery, Object body, JavaType type,
      Supplier<CompletionStage<T>> local, Duration timeout) {
    return b.name().equals(self) ? local.get() : remote(b, pathAndQuery, body, type, timeout);
  }

  private <T> CompletionStage<T> remote(BladeInfo b, String pathAndQuery, Object body, JavaType type,
      Duration timeout) {
    if (b.api() == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(b.name() + " has no API address"));
    }
    HttpRequest req = HttpRequest.create(b.api() + "/internal/aims/" + pathAndQuery);
    if (body != null) {
      req = req.withMethod(org.apache.pekko.http.javadsl.model.HttpMethods.POST)
          .withEntity(org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON, Json.bytes(body));
    }
    return peers.callWhole(req, timeout).thenApply(a -> {
      if (!a.ok()) {
        throw new IllegalStateException(b.name() + " answered HTTP " + a.status() + ": "
            + a.text().substring(0, Math.min(200, a.text().length())));
      }
      try {
        return Json.mapper().readValue(a.body().toArray(), type);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static String reason(Throwable e) {
    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return c instanceof java.util.concurrent.TimeoutException ? "no answer in time"
        : c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
