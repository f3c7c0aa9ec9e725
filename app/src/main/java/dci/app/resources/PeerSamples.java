package dci.app.resources;

import com.fasterxml.jackson.core.type.TypeReference;
import dci.actors.directory.Directory;
import dci.actors.http.PeerHttp;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.Json;
import dci.protocol.resources.ResourceSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Back-fill: the samples a peer keeps since a time, read from the first blade that is Up and
 * answers {@code GET /internal/resources?since=MS} (through {@link PeerHttp}, with the service
 * token). Fails when no other blade is Up or none answers.
 */
final class PeerSamples {
  private static final TypeReference<List<ResourceSample>> LIST = new TypeReference<>() {};
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final ActorSystem<?> system;
  private final ActorRef<Directory.Command> directory;
  private final PeerHttp peers;
  private final String self;

  PeerSamples(ActorSystem<?> system, ActorRef<Directory.Command> directory, PeerHttp peers, String self) {
    this.system = system;
    this.directory = directory;
    this.peers = peers;
    this.self = self;
  }

  /** The samples a peer keeps at or after {@code since}. */
  CompletionStage<List<ResourceSample>> since(Instant since) {
    return AskPattern.<Directory.Command, Directory.Blades>ask(directory, Directory.GetBlades::new,
            Duration.ofSeconds(10), system.scheduler())
        .thenCompose(d -> from(d.blades().stream().filter(b -> !b.name().equals(self)
            && b.status() == BladeStatus.Up && b.api() != null).map(BladeInfo::api).toList(), since));
  }

  /** The samples of {@code blade} that the blade at {@code api} keeps at or after {@code since}. */
  CompletionStage<List<ResourceSample>> of(String api, String blade, Instant since) {
    return read(api, since.toEpochMilli() + "&blade=" + java.net.URLEncoder.encode(blade,
        java.nio.charset.StandardCharsets.UTF_8));
  }

  private CompletionStage<List<ResourceSample>> read(String api, String query) {
    return peers.callWhole(HttpRequest.create(api + "/internal/resources?since=" + query), TIMEOUT).thenApply(a -> {
      if (!a.ok()) {
        throw new IllegalStateException(api + " answered " + a.status());
      }
      try {
        return Json.mapper().readValue(a.body().toArray(), LIST);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private CompletionStage<List<ResourceSample>> from(List<String> apis, Instant since) {
    if (apis.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no other blade is Up"));
    }
    return read(apis.get(0), String.valueOf(since.toEpochMilli())).exceptionallyCompose(e -> apis.size() > 1 ? from(apis.subList(1, apis.size()), since)
            : CompletableFuture.failedFuture(e));
  }
}
