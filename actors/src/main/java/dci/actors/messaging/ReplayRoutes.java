package dci.actors.messaging;

import dci.actors.Blade;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.log.Direction;
import dci.actors.log.LogEntry;
import dci.actors.log.LogQuery;
import dci.actors.log.MessageLog;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.protocol.envelope.XmlEnvelopeCodec;
import dci.protocol.messaging.ReplayRequest;
import dci.protocol.messaging.ReplayResult;
import dci.protocol.messaging.ReplayRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /api/replay} (operators): logged envelopes sent again, found by id in this blade's
 * log or read from an exported XML log.
 */
final class ReplayRoutes extends AllDirectives {
  static final int MAX_EXPORT_BYTES = 64 << 20;

  private final Gate api;
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final XmlEnvelopeCodec xml;

  ReplayRoutes(Gate api, ActorSystem<?> system, Blade.Parts parts, EnvelopeLimits limits) {
    this.api = api;
    this.system = system;
    this.parts = parts;
    this.xml = new XmlEnvelopeCodec(limits);
  }

  /** An exported log may be far larger than an envelope: this route alone takes up to MAX_EXPORT_BYTES. */
  Route routes() {
    return path("replay", () -> post(() -> api.authorize(Role.OPERATOR, p -> withSizeLimit(MAX_EXPORT_BYTES, () ->
        parameterMap(params -> extractRequest(request -> entity(Unmarshaller.entityToByteString(), bytes ->
            completeWithFuture(replay(params, request.entity().getContentType().mediaType().toString(), bytes,
                p)))))))));
  }

  /** Runs a replay for an operator already authorized: by ids (JSON) or an exported XML log. */
  private CompletionStage<HttpResponse> replay(java.util.Map<String, String> params, String type,
      org.apache.pekko.util.ByteString bytes, dci.actors.auth.Principal p) {
    try {
      Duration wait = MessagingRoutes.parseWait(Optional.ofNullable(params.getOrDefault("wait", "5s")));
      if (type.contains("xml")) {
        List<Envelope> originals = xml.decodeAll(bytes.toArray(), MAX_EXPORT_BYTES);
        return replayAll(originals, params.get("to"), wait, p);
      }
      ReplayRequest req = dci.protocol.Json.parse(bytes.utf8String(), ReplayRequest.class);
      if (req.ids() == null || req.ids().isEmpty()) {
        throw new IllegalArgumentException("ids: give at least one envelope id");
      }
      return findAll(req.ids()).thenCompose(found -> found instanceof HttpResponse r
          ? CompletableFuture.completedFuture(r)
          : replayAll(castList(found), req.to() != null ? req.to() : params.get("to"), wait, p));
    } catch (IllegalArgumentException | EnvelopeException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Envelope> castList(Object o) {
    return (List<Envelope>) o;
  }

  private CompletionStage<List<LogEntry>> entries(LogQuery q) {
    return AskPattern.ask(parts.log(), (ActorRef<MessageLog.Entries> r) -> new MessageLog.Query(q, r),
        Duration.ofSeconds(30), system.scheduler()).thenApply(MessageLog.Entries::entries);
  }

  /** The logged envelopes with these ids, or a 400/404 response. */
  private CompletionStage<Object> findAll(List<String> ids) {
    CompletionStage<List<Envelope>> acc = CompletableFuture.completedFuture(new ArrayList<>());
    for (String text : ids) {
      UUID id;
      try {
        id = UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        return CompletableFuture.completedFuture(Responses.badRequest("invalid envelope id '"
            + dci.protocol.auth.Names.printable(text) + "'"));
      }
      acc = acc.thenCompose(list -> entries(new LogQuery(null, null, null, null, null, id, 1000)).thenApply(found -> {
        found.stream().filter(e -> e.envelope().id().equals(id))
            .sorted((a, b) -> Boolean.compare(b.direction() == Direction.SENT, a.direction() == Direction.SENT))
            .findFirst().ifPresent(e -> list.add(e.envelope()));
        return list;
      }));
    }
    return acc.thenApply(list -> list.size() == ids.size() ? list
        : Responses.error(StatusCodes.NOT_FOUND, "envelope(s) not in the log of " + parts.settings().name()
            + ": replay through the blade that sent or received them"));
  }

  private CompletionStage<HttpResponse> replayAll(List<Envelope> originals, String to, Duration wait,
      dci.actors.auth.Principal p) {
    if (originals.isEmpty()) {
      return CompletableFuture.completedFuture(Responses.badRequest("nothing to replay"));
    }
    Recipients target = to == null || to.isBlank() ? null : Recipients.parse(to);
    Sender me = new Sender(parts.settings().name(), null, null);
    List<CompletionStage<ReplayRun>> runs = new ArrayList<>();
    for (Envelope o : originals) {
      Role needed = parts.registry().find(o.appType()).map(t -> t.leastRole()).orElse(Role.OPERATOR);
      if (!p.role().atLeast(needed)) {
        return CompletableFuture.completedFuture(Responses.forbidden("replaying '" + o.appType() + "' needs "
            + needed.wireName()));
      }
      Envelope again = new Envelope(null, o.appType(), o.instance(), me, target != null ? target : o.to(),
          o.ttl() == null ? null : Math.max(o.ttl(), 1), 0, null, null, o.id(), o.payload())
          .completed(me, Instant.now());
      runs.add(AskPattern.ask(parts.router(), (ActorRef<RouteResult> r) -> new Router.Send(again, wait, r),
          wait.plusSeconds(10), system.scheduler()).thenApply(res -> ReplayRun.of(o.id(), MessagingRoutes.view(res))));
    }
    CompletionStage<List<ReplayRun>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (CompletionStage<ReplayRun> run : runs) {
      all = all.thenCombine(run, (list, m) -> {
        list.add(m);
        return list;
      });
    }
    return all.thenApply(list -> Responses.ok(new ReplayResult(list)));
  }
}
