package dci.storage.webdav;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The WebDAV {@code If} header (RFC 4918 section 10.4): lists of conditions on lock tokens
 * and entity tags, optionally tagged with the resource they apply to. The header holds if
 * any one list holds; every token it names counts as submitted.
 */
public record IfHeader(List<IfList> lists) {

  /** One condition: a state token ({@code <...>}) or an entity tag ({@code [...]}), maybe negated. */
  public record Condition(boolean not, String token, String etag) {}

  /** One parenthesised list; {@code resource} is the tag's URI, or null for the request URI. */
  public record IfList(String resource, List<Condition> conditions) {}

  public static IfHeader parse(String header) {
    List<IfList> lists = new ArrayList<>();
    String tag = null;
    int i = 0;
    int n = header.length();
    while (i < n) {
      char c = header.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '<') {
        int end = header.indexOf('>', i);
        if (end < 0) {
          throw bad();
        }
        tag = header.substring(i + 1, end);
        i = end + 1;
      } else if (c == '(') {
        List<Condition> conds = new ArrayList<>();
        i++;
        boolean not = false;
        while (true) {
          while (i < n && Character.isWhitespace(header.charAt(i))) {
            i++;
          }
          if (i >= n) {
            throw bad();
          }
          char d = header.charAt(i);
          if (d == ')') {
            i++;
            break;
          } else if (header.regionMatches(true, i, "Not", 0, 3)) {
            not = true;
            i += 3;
          } else if (d == '<') {
            int end = header.indexOf('>', i);
            if (end < 0) {
              throw bad();
            }
            conds.add(new Condition(not, header.substring(i + 1, end), null));
            not = false;
            i = end + 1;
          } else if (d == '[') {
            int end = header.indexOf(']', i);
            if (end < 0) {
              throw bad();
            }
            conds.add(new Condition(not, null, header.substring(i + 1, end)));
            not = false;
            i = end + 1;
          } else {
            throw bad();
          }
        }
        if (conds.isEmpty()) {
          throw bad();
        }
        lists.add(new IfList(tag, conds));
      } else {
        throw bad();
      }
    }
    if (lists.isEmpty()) {
      throw bad();
    }
    return new IfHeader(lists);
  }

  /** Every lock token the header names. */
  public Set<String> tokens() {
    Set<String> out = new LinkedHashSet<>();
    lists.forEach(l -> l.conditions().forEach(c -> {
      if (c.token() != null) {
        out.add(c.token());
      }
    }));
    return out;
  }

  private static IllegalArgumentException bad() {
    return new IllegalArgumentException("malformed If header");
  }
}
