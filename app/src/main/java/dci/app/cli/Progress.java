package dci.app.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The one progress display of the CLI's long commands (transfers, backup jobs, installs, drains):
 * on a terminal, a bar on stderr redrawn in place at most ten times a second; on a pipe or a file,
 * or with {@code --output json}, no bar ({@code --progress} forces one). Lines that report
 * something (a blade finished) are printed either way, above the bar. Thread-safe: an upload's
 * body is read on the HTTP client's threads.
 */
final class Progress implements AutoCloseable {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  /** The {@code --progress} option of every long command (a picocli mixin). */
  static final class Flag {
    @Option(names = "--progress", description = "Draw the progress bar even when stderr is not a terminal.")
    boolean forced;
  }

  private final PrintWriter err;
  private final boolean draw;
  private final LongSupplier clock;
  private long painted;
  private int shown;
  private String label = "";
  private long done;
  private long total;
  private Supplier<String> detail = () -> "";

  Progress(PrintWriter err, boolean draw, LongSupplier clock) {
    this.err = err;
    this.draw = draw;
    this.clock = clock;
  }

  /** The display of the command of {@code spec}, on its stderr. */
  static Progress of(CommandLine.Model.CommandSpec spec, Flag flag) {
    return new Progress(spec.commandLine().getErr(),
        shows(flag.forced, System.console() != null, DciCommand.root(spec).output()), System::nanoTime);
  }

  /** No bar whatever the terminal: for a command whose stdout is the data itself. */
  static Progress hidden(CommandLine.Model.CommandSpec spec) {
    return new Progress(spec.commandLine().getErr(), false, System::nanoTime);
  }

  /** Whether a bar is drawn: forced, or on a terminal unless the output is JSON. */
  static boolean shows(boolean forced, boolean terminal, DciCommand.Output output) {
    return forced || terminal && output != DciCommand.Output.json;
  }

  /**
   * The state to show: {@code done} of {@code total} (unknown when not positive) and a
   * {@code detail} after the bar, made only when drawn. Drawn at once the first time and when
   * complete, else when a tenth of a second has passed since the last drawing.
   */
  synchronized void show(String label, long done, long total, Supplier<String> detail) {
    if (!draw) {
      return;
    }
    this.label = label;
    this.done = done;
    this.total = total;
    this.detail = detail;
    long now = clock.getAsLong();
    if (shown == 0 || now - painted >= REDRAW_NANOS || (total > 0 && done >= total)) {
      painted = now;
      paint();
    }
  }

  /** Prints {@code text} on a line of its own (bar or not); a bar shown is drawn again by the next {@link #show}. */
  synchronized void line(String text) {
    if (shown > 0) {
      err.print("\r" + " ".repeat(shown) + "\r");
      shown = 0;
    }
    err.println(text);
    err.flush();
  }

  /** Leaves the bar, if one is shown, at the last state given, and ends its line. */
  @Override
  public synchronized void close() {
    if (shown > 0) {
      paint();
      err.println();
      err.flush();
      shown = 0;
    }
  }

  /** {@code in}, showing as it is read how much of {@code total} bytes went through, and how fast; closing it closes the bar. */
  InputStream track(InputStream in, long total, String label) {
    long start = clock.getAsLong();
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          count += n;
          long c = count;
          show(label, c, total, () -> transferred(c, total, clock.getAsLong() - start));
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        super.close();
        Progress.this.close();
      }
    };
  }

  /** The bar's line: {@code label [=====     ]  42% detail}. */
  static String bar(String label, long done, long total, String detail) {
    long part = Math.max(0, Math.min(done, total));
    int fill = total > 0 ? (int) (WIDTH * part / total) : 0;
    String pct = total > 0 ? String.format(Locale.ROOT, "%3d%%", 100 * part / total) : "    ";
    return String.format(Locale.ROOT, "%-7s [%s%s] %s %s", label, "=".repeat(fill), " ".repeat(WIDTH - fill), pct,
        detail).stripTrailing();
  }

  static String transferred(long done, long total, long nanos) {
    double mibs = done / 1048576.0 / Math.max(1e-9, nanos / 1e9);
    return String.format(Locale.ROOT, "%.1f / %s MiB  %.1f MiB/s", done / 1048576.0,
        total > 0 ? String.format(Locale.ROOT, "%.1f", total / 1048576.0) : "?", mibs);
  }

  private void paint() {
    String text = bar(label, done, total, detail.get());
    err.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
    err.flush();
    shown = Math.max(1, text.length());
  }
}
