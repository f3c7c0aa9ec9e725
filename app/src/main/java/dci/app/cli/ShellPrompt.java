package dci.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;

/**
 * The shell's prompt (JLine): line editing, history kept in {@code ~/.config/dci/shell_history},
 * Tab completion ({@link ShellCompleter}). Each command runs on a worker thread; Ctrl-C while it
 * runs interrupts it and gives the prompt back (a command reading a stream stops at its next
 * block), Ctrl-C at the prompt clears the line, Ctrl-D or {@code exit} leaves.
 */
final class ShellPrompt {
  /** The exit status of a command stopped with Ctrl-C (as a shell's 128 + SIGINT). */
  static final int CANCELLED = 130;

  private ShellPrompt() {}

  static int run(Shell shell, Path history, PrintWriter out, PrintWriter err) throws IOException {
    // a thread a command: one cancelled but still blocked in a call (HttpURLConnection ignores interrupts) holds no later one back
    ExecutorService worker = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dci-shell-command");
      t.setDaemon(true);
      return t;
    });
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      if (terminal.getWidth() <= 0) {
        // a terminal that reports no size (a serial line, a pty made without one) would get a prompt cut to "..."
        terminal.setSize(new Size(80, Math.max(terminal.getHeight(), 24)));
      }
      LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("dci")
          .completer(new ShellCompleter(shell))
          .variable(LineReader.HISTORY_FILE, history)
          .build();
      int last = 0;
      while (true) {
        String line;
        try {
          line = reader.readLine("dci:" + shell.cwd() + "> ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return last;
        }
        List<List<String>> cmds;
        try {
          cmds = ShellLine.commands(line);
        } catch (CliError e) {
          err.println(e.getMessage());
          err.flush();
          continue;
        }
        for (List<String> words : cmds) {
          if (words.get(0).equals("exit")) {
            return last;
          }
          last = runOne(terminal, worker, shell, words, err);
          if (last == CANCELLED) {
            break;
          }
        }
      }
    } finally {
      worker.shutdownNow();
    }
  }

  private static int runOne(Terminal terminal, ExecutorService worker, Shell shell, List<String> words,
      PrintWriter err) {
    Thread.interrupted(); // a Ctrl-C that reached the line reader late must not cancel the next command
    Future<Integer> running = worker.submit(() -> shell.execute(words));
    Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT, s -> running.cancel(true));
    try {
      return running.get();
    } catch (CancellationException | InterruptedException e) {
      Thread.interrupted();
      running.cancel(true);
      err.println(words.get(0) + ": cancelled");
      err.flush();
      return CANCELLED;
    } catch (ExecutionException e) {
      err.println(words.get(0) + ": " + e.getCause());
      err.flush();
      return CliError.FAILED;
    } finally {
      terminal.handle(Terminal.Signal.INT, before);
    }
  }
}
