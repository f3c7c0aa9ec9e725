package dci.storage.webdav;

import java.util.Optional;

/** A single byte range of a {@code Range} header ({@code bytes=a-b}, {@code a-}, {@code -n}). */
final class Ranges {
  private Ranges() {}

  /** The range asked for cannot be served from a file of this size (answered 416). */
  static final class UnsatisfiableException extends RuntimeException {
    UnsatisfiableException() {
      super("range not satisfiable");
    }
  }

  /**
   * {@code [first, last]} inclusive; empty if the header is not a single byte range (the
   * whole file is sent, as HTTP allows).
   */
  static Optional<long[]> parse(String header, long size) {
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      long first;
      long last;
      if (a.isEmpty()) {
        long n = Long.parseLong(b);
        if (n <= 0) {
          throw new UnsatisfiableException();
        }
        first = Math.max(0, size - n);
        last = size - 1;
      } else {
        first = Long.parseLong(a);
        last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
        if (!b.isEmpty() && Long.parseLong(b) < first) {
          return Optional.empty();
        }
      }
      if (first >= size || size == 0) {
        throw new UnsatisfiableException();
      }
      return Optional.of(new long[] {first, last});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
