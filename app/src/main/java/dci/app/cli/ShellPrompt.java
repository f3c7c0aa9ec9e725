package dci.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The shell's prompt: reads commands one line at a time until {@code exit} or the end of input. */
final class ShellPrompt {
  private ShellPrompt() {}

  static int run(Shell shell, PrintWriter out, PrintWriter err) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int last = 0;
    while (true) {
      out.print("dci:" + shell.cwd() + "> ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        out.println();
        return last;
      }
      List<List<String>> cmds;
      try {
        cmds = ShellLine.commands(line);
      } catch (CliError e) {
        err.println(e.getMessage());
        continue;
      }
      for (List<String> words : cmds) {
        if (words.get(0).equals("exit")) {
          return last;
        }
        last = shell.execute(words);
      }
    }
  }
}
