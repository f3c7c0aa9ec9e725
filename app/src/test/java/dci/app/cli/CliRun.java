package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the dci CLI in-process with a given environment, capturing its exit code and output. */
final class CliRun {
  private CliRun() {}

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return Json.mapper().readTree(out);
    }
  }

  static Run dci(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DciCommand.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
