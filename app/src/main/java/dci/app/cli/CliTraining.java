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
import java.util.List;
import java.util.Map;
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
      String path = exchange.getRequestURI().getPath();
      byte[] body = (path.startsWith("/api/log") ? "{\"blade\":\"blade-1\",\"entries\":[]}" : "[]")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    stub.start();
    Path config = Files.createTempDirectory("dci-cli-training");
    try {
      Map<String, String> env = Map.of("DCI_URL", "http://127.0.0.1:" + stub.getAddress().getPort(),
          "DCI_TOKEN", "training", "XDG_CONFIG_HOME", config.toString());
      StringWriter sink = new StringWriter();
      PrintWriter out = new PrintWriter(sink);
      CommandLine all = DciCommand.commandLine(env, out, out);
      all.usage(out);
      all.getSubcommands().values().forEach(c -> c.usage(out));
      for (List<String> call : CALLS) {
        String[] argv = call.toArray(new String[0]);
        DciCommand.commandLine(env, out, out, argv).execute(argv);
      }
    } finally {
      stub.stop(0);
      try (var walk = Files.walk(config)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
