package dci.actors.messaging;

import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.actors.Blade;
import dci.actors.auth.Principal;
import dci.actors.log.LogEntry;
import dci.actors.log.LogPosition;
import dci.actors.log.LogQuery;
import dci.actors.log.LogReader;
import dci.actors.log.MessageLog;
import dci.protocol.auth.Role;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.envelope.XmlEnvelopeCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code GET /api/log}: a page of this blade's log (at most {@link LogParams#MAX_PAGE} lines,
 * the newest unless {@code after} is given), with the cursor of the next page; and
 * {@code GET /api/log/export}: every matching line. Both JSON or XML, both streamed as the
 * journal is read, a chunk at a time: no answer is built whole in memory. A viewer gets the
 * envelopes of exec and the installer without their payloads ({@link LogRedaction}).
 */
final class LogRoutes extends AllDirectives {
  private static final Duration ASK = Duration.ofSeconds(30);

  private final Gate api;
  private final ActorSystem<?> system;
  private final Blade.Parts parts;
  private final XmlEnvelopeCodec xml;
  private final LogReader reader;
  private final LogRedaction redaction;

  LogRoutes(Gate api, ActorSystem<?> system, Blade.Parts parts, EnvelopeLimits limits, java.util.Set<String> hidden) {
    this.redaction = new LogRedaction(hidden);
    this.api = api;
    this.system = system;
    this.parts = parts;
    this.xml = new XmlEnvelopeCodec(limits);
    this.reader = LogReader.of(system, parts.settings().name());
  }

  Route routes() {
    return concat(
        path("log", () -> get(() -> parameterMap(params -> serve(params, false)))),
        path(PathMatchers.segment("log").slash("export"), () -> get(() -> parameterMap(params -> serve(params, true)))));
  }

  private Route serve(Map<String, String> params, boolean export) {
    LogQuery query;
    boolean asXml;
    try {
      query = export ? LogParams.export(params) : LogParams.page(params);
      asXml = LogParams.xml(params);
    } catch (IllegalArgumentException e) {
      return complete(Responses.badRequest(e.getMessage()));
    }
    return api.authorized(Role.VIEWER, p -> respond(query, asXml, p));
  }

  /** Finds the page (where its lines lie), then streams its lines as one document. */
  private CompletionStage<HttpResponse> respond(LogQuery q, boolean asXml, Principal caller) {
    String blade = parts.settings().name();
    return position().thenCompose(at -> reader.page(q, at)).thenApply(page -> {
      // redacted here, on the serving blade, before a line leaves it
      Source<LogEntry, NotUsed> lines = reader.entries(q, page).map(e -> redaction.forRole(caller.role(), e));
      return asXml ? LogDocument.xml(blade, page, lines, xml.mapper()) : LogDocument.json(blade, page, lines);
    });
  }

  /** Where the log ends now, every line that reached it before this request included. */
  private CompletionStage<LogPosition> position() {
    return AskPattern.ask(parts.log(), (ActorRef<LogPosition> r) -> new MessageLog.Position(r), ASK,
        system.scheduler());
  }
}
