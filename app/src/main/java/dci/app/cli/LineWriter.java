package dci.app.cli;

import java.io.Writer;
import java.util.function.Consumer;

/** A {@link Writer} that hands each complete line (without its newline) to a consumer as it arrives. */
final class LineWriter extends Writer {
  private final Consumer<String> lines;
  private final StringBuilder pending = new StringBuilder();

  LineWriter(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public void write(char[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (buf[i] == '\n') {
        lines.accept(pending.toString());
        pending.setLength(0);
      } else if (pending.length() < (1 << 20)) {
        pending.append(buf[i]);
      }
    }
  }

  @Override
  public void flush() {
    // lines are handed over as they end
  }

  @Override
  public void close() {
    if (pending.length() > 0) {
      lines.accept(pending.toString());
      pending.setLength(0);
    }
  }
}
