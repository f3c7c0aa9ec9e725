package dci.app.cli;

import dci.protocol.fs.FileEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** The shell's reading commands: cat, head, tail, find, du and get. */
final class ShellRead {
  private final ShellFs fs;
  private final PrintWriter out;
  private final OutputStream raw;

  ShellRead(ShellFs fs, PrintWriter out, OutputStream raw) {
    this.fs = fs;
    this.out = out;
    this.raw = raw;
  }

  void cat(ShellPath p) {
    out.flush();
    try (InputStream in = fs.open(p)) {
      byte[] buf = new byte[64 * 1024];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        stopIfCancelled();
        raw.write(buf, 0, n);
      }
      raw.flush();
    } catch (IOException e) {
      throw new CliError(CliError.FAILED, "reading " + p.text() + " failed: " + e.getMessage());
    }
  }

  /** The first ({@code head}) or last {@code n} lines of a file. */
  void ends(boolean head, int n, ShellPath p) {
    Deque<String> last = new ArrayDeque<>();
    try (InputStream in = fs.open(p);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int seen = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        stopIfCancelled();
        if (head) {
          if (seen++ >= n) {
            break;
          }
          out.println(line);
        } else {
          last.addLast(line);
          if (last.size() > n) {
            last.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      throw new CliError(CliError.FAILED, "reading " + p.text() + " failed: " + e.getMessage());
    }
    last.forEach(out::println);
  }

  /** {@code find [PATH] [-name GLOB]}. */
  void find(List<String> args, String cwd) {
    String glob = null;
    String start = ".";
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-name") && i + 1 < args.size()) {
        glob = args.get(++i);
      } else {
        start = args.get(i);
      }
    }
    PathMatcher m = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
    ShellPath root = ShellPath.of(cwd, start);
    walk(root, fs.stat(root), (p, e) -> {
      if (m == null || m.matches(Path.of(p.name()))) {
        out.println(p.text() + (e.dir() ? "/" : ""));
      }
    });
  }

  /** {@code du PATH}: bytes and files below PATH. */
  void du(ShellPath p) {
    long[] total = new long[2];
    walk(p, fs.stat(p), (x, e) -> {
      total[0] += e.size();
      total[1] += e.dir() ? 0 : 1;
    });
    out.printf("%d\t%s\t(%d files, %s)%n", total[0], p.text(), total[1], Printer.bytes(total[0]));
  }

  /** Downloads a file to this machine. */
  void download(ShellPath from, Path local) {
    Path target = Files.isDirectory(local) ? local.resolve(from.name()) : local;
    try (InputStream in = fs.open(from)) {
      Path abs = target.toAbsolutePath();
      Path tmp = Files.createTempFile(abs.getParent(), ".dci-get-", ".part");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliError(CliError.FAILED, "download of " + from.text() + " failed: " + e.getMessage());
    }
  }

  private interface Visit {
    void accept(ShellPath p, FileEntry e);
  }

  /** A command stopped at the prompt (Ctrl-C interrupts its thread) stops at its next block or entry. */
  static void stopIfCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CliError(ShellPrompt.CANCELLED, "cancelled");
    }
  }

  private void walk(ShellPath p, FileEntry e, Visit visit) {
    stopIfCancelled();
    visit.accept(p, e);
    if (e.dir()) {
      Consumer<FileEntry> each = c -> walk(p.child(c.name()), c, visit);
      fs.list(p).forEach(each);
    }
  }
}
