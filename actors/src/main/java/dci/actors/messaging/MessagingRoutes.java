package dci.actors.messaging;

import dci.actors.Blade;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.router.RouteResult;
import dci.actors.router.Router;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.EnvelopeCodec;
import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.envelope.JsonEnvelopeCodec;
import dci.protocol.envelope.Sender;
import dci.protocol.envelope.XmlEnvelopeCodec;
import dci.protocol.messaging.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code POST /api/envelopes}: envelopes from operators, in XML or JSON, optionally awaiting replies. */
final class MessagingRoutes extends AllDirectives {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m)?");
  static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private final Gate api;
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final EnvelopeCodec xml;
  private final EnvelopeCodec json;

  MessagingRoutes(Gate api, ActorSystem<?> system, Blade.Parts parts, EnvelopeLimits limits) {
    this.api = api;
    this.system = system;
    this.parts = parts;
    // built once: a codec holds a configured Jackson mapper and XML factory (thread-safe)
    this.xml = new XmlEnvelopeCodec(limits);
    this.json = new JsonEnvelopeCodec(limits);
  }

  Route routes() {
    return path("envelopes", () -> post(() -> parameterOptional("wait", wait ->
        extractRequest(request -> api.authorizeBytes(Role.VIEWER, (p, bytes) -> {
          String type = request.entity().getContentType().mediaType().toString();
          Envelope envelope;
          Duration await;
          try {
            await = parseWait(wait);
            Envelope decoded = (type.toLowerCase(java.util.Locale.ROOT).contains("xml") ? xml : json)
                .decode(bytes.toArray());
            envelope = fromOperator(decoded);
          } catch (EnvelopeException | IllegalArgumentException e) {
            return complete(Responses.badRequest(e.getMessage()));
          }
          Role needed = parts.registry().find(envelope.appType()).map(t -> t.leastRole()).orElse(Role.OPERATOR);
          if (!p.role().atLeast(needed)) {
            return complete(Responses.forbidden("role " + p.role().wireName()
                + " may not send to '" + envelope.appType() + "': needs " + needed.wireName()));
          }
          Duration timeout = await.plusSeconds(10);
          return completeWithFuture(AskPattern.ask(parts.router(),
                  (ActorRef<RouteResult> r) -> new Router.Send(envelope, await, r), timeout, system.scheduler())
              .thenApply(res -> Responses.ok(view(res))));
        })))));
  }

  /** The envelope as this blade sends it for an operator: its own blade as sender, completed. */
  private Envelope fromOperator(Envelope e) {
    Sender me = new Sender(parts.settings().name(), null, null);
    Envelope asOperator = new Envelope(e.id(), e.appType(), e.instance(), me, e.to(), e.ttl(), 0, null, null,
        e.replayOf(), e.payload());
    return asOperator.completed(me, Instant.now());
  }

  static Duration parseWait(Optional<String> wait) {
    if (wait.isEmpty() || wait.get().isBlank()) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(wait.get().trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid wait '" + dci.protocol.auth.Names.printable(wait.get())
          + "': e.g. 5s, 500ms, 1m");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("wait is at most " + MAX_WAIT.toMinutes() + " minutes");
    }
    return d;
  }

  /** The router's result as the API answers it. */
  static SendResult view(RouteResult r) {
    return new SendResult(r.id(), r.targets(), r.complete(), r.envelope(), r.replies());
  }
}
