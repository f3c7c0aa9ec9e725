package dci.app;

import dci.app.cli.DciCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code bin/dci}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = DciCommand.commandLine(System.getenv(), out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
