package dci.app.aims;

/**
 * Debian's version order ({@code dpkg --compare-versions}): {@code [epoch:]upstream[-revision]},
 * compared part by part; within a part, runs of non-digits (letters before everything else, then
 * {@code ~} before the end, the end before anything else) alternate with runs of digits compared
 * as numbers. RPM versions compare sensibly under the same rule.
 */
final class DebianVersion {
  private DebianVersion() {}

  /** Negative, zero or positive as {@code a} is older than, the same as, or newer than {@code b}. */
  static int compare(String a, String b) {
    Parts x = parse(a);
    Parts y = parse(b);
    if (x.epoch != y.epoch) {
      return Long.compare(x.epoch, y.epoch);
    }
    int c = compareFragment(x.upstream, y.upstream);
    return c != 0 ? c : compareFragment(x.revision, y.revision);
  }

  private record Parts(long epoch, String upstream, String revision) {}

  private static Parts parse(String v) {
    String s = v.trim();
    long epoch = 0;
    int colon = s.indexOf(':');
    if (colon > 0 && s.substring(0, colon).chars().allMatch(Character::isDigit)) {
      epoch = Long.parseLong(s.substring(0, Math.min(colon, 18)));
      s = s.substring(colon + 1);
    }
    int dash = s.lastIndexOf('-');
    return dash >= 0 ? new Parts(epoch, s.substring(0, dash), s.substring(dash + 1)) : new Parts(epoch, s, "");
  }

  private static int order(char c) {
    if (Character.isDigit(c)) {
      return 0;
    }
    if (Character.isLetter(c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static int compareFragment(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      int first = 0;
      while ((i < a.length() && !Character.isDigit(a.charAt(i))) || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
        int ac = i < a.length() && !Character.isDigit(a.charAt(i)) ? order(a.charAt(i)) : 0;
        int bc = j < b.length() && !Character.isDigit(b.charAt(j)) ? order(b.charAt(j)) : 0;
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length() && Character.isDigit(b.charAt(j))) {
        if (first == 0) {
          first = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && Character.isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && Character.isDigit(b.charAt(j))) {
        return -1;
      }
      if (first != 0) {
        return first;
      }
    }
    return 0;
  }
}
