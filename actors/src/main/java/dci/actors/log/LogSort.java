package dci.actors.log;

import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * An order of log lines by one of the fields a query filters on; lines equal in it keep their
 * log order (seq). A missing value (no sender, no recipients) sorts first. {@code receiver}
 * orders by the recipients as {@code dci log} shows them ({@code blade-2}, {@code blade-2,blade-4},
 * {@code all}, {@code any}); {@code id} by the envelope id's text.
 */
public enum LogSort {
  TIME(Comparator.comparing(LogEntry::at)),
  APP(text(e -> e.envelope().appType())),
  SENDER(text(e -> e.envelope().sender() == null ? null : e.envelope().sender().blade())),
  RECEIVER(text(e -> recipients(e.envelope()))),
  ID(text(e -> e.envelope().id() == null ? null : e.envelope().id().toString()));

  private final Comparator<LogEntry> order;

  LogSort(Comparator<LogEntry> byField) {
    this.order = byField.thenComparingLong(LogEntry::seq);
  }

  /** The order: by the field, then by seq. */
  public Comparator<LogEntry> order() {
    return order;
  }

  /** The sort named {@code name} ({@code time, app, sender, receiver, id}, any case). */
  public static LogSort parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sort must be one of time, app, sender, receiver, id");
    }
  }

  /** The name as the API and the CLI write it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static Comparator<LogEntry> text(Function<LogEntry, String> field) {
    return Comparator.comparing(field, Comparator.nullsFirst(Comparator.naturalOrder()));
  }

  /** The recipients as text: the blades named, or the mode. */
  static String recipients(Envelope e) {
    Recipients to = e.to();
    if (to == null || to.mode() == null) {
      return null;
    }
    return switch (to.mode()) {
      case BLADE, MULTICAST -> String.join(",", to.blades());
      case ALL, ANY -> to.mode().name().toLowerCase(Locale.ROOT);
      case ROLE -> "role:" + to.role();
    };
  }
}
