package dci.app.aims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.protocol.BladeInfo;
import dci.protocol.Json;
import dci.protocol.aims.HostLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /api/aims/logs?stream=true}: each blade's lines as soon as that blade answers (its
 * own lines in time order), as newline-delimited JSON ({@code application/x-ndjson}): one
 * {@code HostLogLine} a line, then for each blade one line {@code {"blade", "source", "capped",
 * "error", "done": true}}. A slow or unreachable blade holds back no other blade's lines.
 */
final class LogStream {
  private LogStream() {}

  static HttpResponse of(Fleet fleet, List<BladeInfo> blades, String pathAndQuery,
      Supplier<CompletionStage<HostLogs>> local, Duration timeout) {
    var type = Json.mapper().constructType(HostLogs.class);
    List<CompletionStage<HostLogs>> answers = new ArrayList<>();
    for (BladeInfo b : blades) {
      answers.add(fleet.one(b, pathAndQuery, null, type, local, timeout).toCompletableFuture()
          .orTimeout(timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
          .handle((h, e) -> h != null ? h : new HostLogs(b.name(), null, List.of(), false, e instanceof
              java.util.concurrent.CompletionException && e.getCause() != null ? String.valueOf(e.getCause()
              .getMessage()) : String.valueOf(e == null ? "no answer" : e.getMessage()))));
    }
    Source<ByteString, ?> body = Source.from(answers)
        .mapAsyncUnordered(Math.max(1, answers.size()), a -> a)
        .map(LogStream::chunk);
    return HttpResponse.create().withEntity(HttpEntities.createChunked(
        MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8).toContentType(), body));
  }

  private static ByteString chunk(HostLogs h) {
    StringBuilder out = new StringBuilder();
    h.lines().forEach(l -> out.append(new String(Json.bytes(l), java.nio.charset.StandardCharsets.UTF_8)).append('\n'));
    ObjectNode done = Json.mapper().createObjectNode().put("blade", h.blade()).put("source", h.source())
        .put("capped", h.capped()).put("error", h.error()).put("done", true);
    out.append(done).append('\n');
    return ByteString.fromString(out.toString());
  }
}
