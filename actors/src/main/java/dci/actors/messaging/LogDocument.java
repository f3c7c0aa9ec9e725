package dci.actors.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dci.actors.log.LogEntry;
import dci.actors.log.LogPage;
import dci.protocol.Json;
import dci.protocol.messaging.LogCursor;
import dci.protocol.messaging.LogLine;
import dci.protocol.messaging.LogReply;
import java.time.Instant;
import java.util.Arrays;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A page or an export of a message log as one document, written while its lines stream by
 * (a chunked HTTP entity): nothing holds the whole document. JSON:
 * {@code {"blade", "exported", "next": {"before"|"after": SEQ} | null, "entries": [...]}};
 * XML, the archivable form {@code dci replay --file} reads back:
 * {@code <log blade=".." exported=".." nextBefore|nextAfter=".."><entry>..</entry>..</log>},
 * each entry holding its {@code <envelope>} in the portable format.
 */
final class LogDocument {
  private LogDocument() {}

  static HttpResponse json(String blade, LogPage page, Source<LogEntry, NotUsed> entries) {
    byte[] h = Json.bytes(LogReply.head(blade, Instant.now(), LogCursor.of(page.nextBefore(), page.nextAfter())));
    // the head object, left open for the entries
    ByteString open = ByteString.fromArray(Arrays.copyOf(h, h.length - 1)).concat(ByteString.fromString(",\"entries\":["));
    Source<ByteString, NotUsed> body = entries.map(e -> ByteString.fromArray(Json.bytes(line(e))))
        .intersperse(open, ByteString.fromString(","), ByteString.fromString("]}"));
    return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, body));
  }

  static HttpResponse xml(String blade, LogPage page, Source<LogEntry, NotUsed> entries, XmlMapper mapper) {
    ObjectWriter entry = mapper.writerWithDefaultPrettyPrinter().withRootName("entry");
    StringBuilder open = new StringBuilder("<log blade=\"").append(blade).append("\" exported=\"")
        .append(Instant.now()).append('"');
    if (page.nextBefore() != null) {
      open.append(" nextBefore=\"").append(page.nextBefore()).append('"');
    }
    if (page.nextAfter() != null) {
      open.append(" nextAfter=\"").append(page.nextAfter()).append('"');
    }
    open.append(">\n");
    Source<ByteString, NotUsed> body = entries.map(e -> xmlEntry(entry, e))
        .intersperse(ByteString.fromString(open.toString()), ByteString.emptyByteString(),
            ByteString.fromString("</log>\n"));
    return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.TEXT_XML_UTF8, body));
  }

  /** A line as the API shows it. */
  static LogLine line(LogEntry e) {
    return new LogLine(e.seq(), e.at(), e.blade(), e.direction() == null ? null : e.direction().name(), e.envelope(),
        e.note());
  }

  private static ByteString xmlEntry(ObjectWriter writer, LogEntry e) {
    try {
      return ByteString.fromArray(writer.writeValueAsBytes(e)).concat(ByteString.fromString("\n"));
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot write log entry " + e.seq() + " as XML: " + x.getOriginalMessage(), x);
    }
  }
}
