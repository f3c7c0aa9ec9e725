package dci.storage.vnas;

import java.util.ArrayList;
import java.util.List;

/**
 * A path inside the volume, checked where it enters: absolute, '/'-separated, no empty, '.'
 * or '..' segments, no control characters or backslashes, at most 255 UTF-8 bytes a segment
 * and 4096 in all. The canonical form has no trailing slash; the root is {@code /}.
 */
public record VnasPath(List<String> segments) {
  public static final VnasPath ROOT = new VnasPath(List.of());
  private static final int MAX_SEGMENT = 255;
  private static final int MAX_TOTAL = 4096;

  public VnasPath {
    segments = List.copyOf(segments);
  }

  /** Parses a decoded path such as {@code /docs/a.txt} or {@code docs/}; throws with a reason. */
  public static VnasPath parse(String path) {
    if (path == null) {
      throw new IllegalArgumentException("missing path");
    }
    if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TOTAL) {
      throw new IllegalArgumentException("path longer than " + MAX_TOTAL + " bytes");
    }
    List<String> out = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      if (s.isEmpty()) {
        continue;
      }
      checkSegment(s);
      out.add(s);
    }
    return new VnasPath(out);
  }

  /** Checks one name: the reason it is refused, as an exception. */
  public static String checkSegment(String s) {
    if (s.equals(".") || s.equals("..")) {
      throw new IllegalArgumentException("path segments '.' and '..' are not allowed");
    }
    if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEGMENT) {
      throw new IllegalArgumentException("a name is longer than " + MAX_SEGMENT + " bytes");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new IllegalArgumentException("names may not hold control characters or '\\'");
      }
    }
    return s;
  }

  /**
   * True if the path is in the directory the volume keeps its stripe locations in ({@code
   * /.dci-stripes}): refused wherever a client names a path.
   */
  public boolean reserved() {
    return !segments.isEmpty() && segments.get(0).equals(StripeRows.DIR);
  }

  /** {@link #parse}, refusing a {@link #reserved} path: for paths a client gives. */
  public static VnasPath parseClient(String path) {
    return requireOpen(parse(path));
  }

  /** {@code p}, unless it is {@link #reserved}: then an IllegalArgumentException saying so. */
  public static VnasPath requireOpen(VnasPath p) {
    if (p.reserved()) {
      throw new IllegalArgumentException("/" + StripeRows.DIR + " is reserved for the volume's own use");
    }
    return p;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The parent; the root's parent is the root. */
  public VnasPath parent() {
    return isRoot() ? this : new VnasPath(segments.subList(0, segments.size() - 1));
  }

  public String name() {
    return isRoot() ? "" : segments.get(segments.size() - 1);
  }

  public VnasPath child(String name) {
    List<String> s = new ArrayList<>(segments);
    s.add(checkSegment(name));
    return new VnasPath(s);
  }

  /** True if {@code other} is this path or below it. */
  public boolean contains(VnasPath other) {
    return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
  }

  /** This path moved from below {@code from} to below {@code to}. */
  public VnasPath rebase(VnasPath from, VnasPath to) {
    List<String> s = new ArrayList<>(to.segments);
    s.addAll(segments.subList(from.segments.size(), segments.size()));
    return new VnasPath(s);
  }

  @Override
  public String toString() {
    return "/" + String.join("/", segments);
  }
}
