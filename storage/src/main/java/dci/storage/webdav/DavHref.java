package dci.storage.webdav;

import dci.storage.vnas.VnasPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** URLs and dates as WebDAV clients expect them. */
public final class DavHref {
  public static final String PREFIX = "/vnas";
  private static final String SAFE = "-._~!$&'()*+,;=:@";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private DavHref() {}

  /** The percent-encoded URL path of a resource; collections end with '/'. */
  public static String of(VnasPath path, boolean collection) {
    StringBuilder b = new StringBuilder(PREFIX);
    for (String s : path.segments()) {
      b.append('/');
      for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
        int c = x & 0xff;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SAFE.indexOf(c) >= 0) {
          b.append((char) c);
        } else {
          b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
      }
    }
    if (collection || path.isRoot()) {
      b.append('/');
    }
    return b.toString();
  }

  /**
   * The volume path of a request URI under {@code /vnas/}, from its percent-decoded segments;
   * throws IllegalArgumentException for anything outside the mount point, with '.' or '..',
   * with a segment that decodes to something holding '/', '\\' or a control character, or in
   * the volume's reserved directory ({@link VnasPath#reserved}).
   */
  public static VnasPath parse(org.apache.pekko.http.javadsl.model.Uri uri) {
    java.util.List<String> segments = new java.util.ArrayList<>();
    uri.pathSegments().forEach(segments::add);
    if (segments.isEmpty() || !segments.get(0).equals(PREFIX.substring(1))) {
      throw new IllegalArgumentException("not under " + PREFIX + "/");
    }
    java.util.List<String> inside = new java.util.ArrayList<>();
    for (String s : segments.subList(1, segments.size())) {
      if (s.isEmpty()) {
        continue;
      }
      if (s.indexOf('/') >= 0) {
        throw new IllegalArgumentException("a name may not hold '/'");
      }
      inside.add(VnasPath.checkSegment(s));
    }
    VnasPath p = new VnasPath(inside);
    if (p.toString().getBytes(StandardCharsets.UTF_8).length > 4096) {
      throw new IllegalArgumentException("path longer than 4096 bytes");
    }
    return VnasPath.requireOpen(p);
  }

  /** The volume path named by a Destination header or an If header tag (absolute URL or path). */
  public static VnasPath parseUri(String uri) {
    return parse(org.apache.pekko.http.javadsl.model.Uri.create(uri));
  }

  public static String httpDate(long epochMillis) {
    return HTTP_DATE.format(Instant.ofEpochMilli(epochMillis));
  }

  public static String isoDate(long epochMillis) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }
}
