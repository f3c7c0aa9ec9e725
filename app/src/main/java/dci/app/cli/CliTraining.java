package dci.app.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.Json;
import dci.protocol.LogSummary;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.protocol.messaging.LogCursor;
import dci.protocol.messaging.LogLine;
import dci.protocol.messaging.LogReply;
import dci.protocol.vnas.LsEntry;
import picocli.CommandLine;

/**
 * The run {@code bin/dci} records the CLI's class-data archive from (AppCDS,
 * {@code -XX:ArchiveClassesAtExit}), once after each build: it builds every subcommand's model
 * and help, and runs the commands operators call most against a throw-away server on loopback
 * that answers with empty lists, so the classes of parsing, HTTP, JSON and tables are all in the
 * archive, whichever command comes first. Nothing here reaches a real blade or the user's
 * configuration.
 */
public final class CliTraining {
  /** The commands whose classes the archive holds beyond the models: reads operators script. */
  private static final List<List<String>> CALLS = List.of(
      List.of("status"), List.of("vnas", "ls", "/"), List.of("log", "--limit", "5"), List.of("-o", "json", "status"),
      List.of("port", "list"), List.of("move", "list"), List.of("backup", "list", "--blade", "blade-1"));

  private CliTraining() {}

  public static void main(String[] args) throws IOException {
    dci.app.Main.quietPicocli();
    HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", exchange -> {
      byte[] body = Json.bytes(answer(exchange.getRequestURI().getPath()));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    stub.start();
    Path config = Files.createTempDirectory("dci-cli-training");
    try {
      String url = "http://127.0.0.1:" + stub.getAddress().getPort();
      // the session is read from a saved login, as an operator's is
      Map<String, String> env = Map.of("DCI_URL", url, "XDG_CONFIG_HOME", config.toString());
      new Credentials(url, "training", "training", Instant.now().plusSeconds(3600)).save(env);
      StringWriter sink = new StringWriter();
      PrintWriter out = new PrintWriter(sink);
      CommandLine all = DciCommand.commandLine(env, out, out);
      all.usage(out);
      all.getSubcommands().values().forEach(c -> c.usage(out));
      for (List<String> call : CALLS) {
        String[] argv = call.toArray(new String[0]);
        sink.getBuffer().setLength(0);
        int code = DciCommand.commandLine(env, out, out, argv).execute(argv);
        if (code != 0) { // a call that fails trains less than it should: say so (bin/dci discards it)
          out.flush();
          System.err.println("training call " + call + " exited " + code + ":\n" + sink);
        }
      }
    } finally {
      stub.stop(0);
      try (var walk = Files.walk(config)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * What the stub answers: a row of each record the trained reads parse, with every kind of
   * field filled (numbers, instants, nested records, JSON payloads), so that the parsing of
   * real answers is in the archive too, not only that of empty lists.
   */
  private static Object answer(String path) {
    Instant now = Instant.now();
    if (path.startsWith("/api/log")) {
      Envelope e = new Envelope(UUID.randomUUID(), "chat", "room-1", new Sender("blade-1", "chat", "room-1"),
          Recipients.blade("blade-2"), 4, 1, now, UUID.randomUUID(), null,
          Json.mapper().createObjectNode().put("text", "hello").put("n", 1.5));
      return new LogReply("blade-1", null, LogCursor.of(41L, null),
          List.of(new LogLine(42, now, "blade-1", "in", e, "delivered")));
    }
    if (path.startsWith("/api/vnas/ls")) {
      return List.of(new LsEntry("docs", "/docs", true, 0, 0, now.toEpochMilli()),
          new LsEntry("a.txt", "/a.txt", false, 4096, 3, now.toEpochMilli()));
    }
    if (path.startsWith("/api/blades")) {
      return List.of(new BladeInfo("blade-1", "127.0.0.1:25520", BladeStatus.Up, "default", List.of("desk"),
          83_000_000_000L, 270_000_000_000L, now, "http://127.0.0.1:8080", List.of(), new LogSummary("30d", 1234)));
    }
    return List.of();
  }
}
