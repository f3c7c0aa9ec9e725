package dci.storage.webdav;

import dci.storage.vnas.VnasPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * How a file's content is handed to a browser. The mount point shares its origin with the
 * API and the web console, so nothing a user stored may run there: no answer is sniffed
 * ({@code X-Content-Type-Options: nosniff}), and a file a browser would render as a page
 * (HTML, XHTML, SVG, XML, by its type or its name) is sent as an attachment, to be saved.
 */
final class ServedAs {
  static final HttpHeader NOSNIFF = RawHeader.create("X-Content-Type-Options", "nosniff");
  private static final Set<String> PAGE_TYPES = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
      "text/xml", "application/xml", "text/xsl");
  private static final Set<String> PAGE_NAMES = Set.of("html", "htm", "shtml", "xhtml", "xht", "svg", "svgz", "xml",
      "xsl", "xslt", "mht", "mhtml");

  private ServedAs() {}

  /** The headers a file's GET or HEAD answer carries for its content type. */
  static List<HttpHeader> headers(VnasPath path, ContentType type) {
    List<HttpHeader> out = new ArrayList<>(List.of(NOSNIFF));
    if (page(path.name(), type.mediaType().toString())) {
      out.add(RawHeader.create("Content-Disposition", attachment(path.name())));
    }
    return out;
  }

  /** True for what a browser renders as a document of the origin that serves it. */
  static boolean page(String name, String mediaType) {
    String t = mediaType.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return PAGE_TYPES.contains(t) || t.endsWith("+xml") || PAGE_NAMES.contains(ext);
  }

  /** {@code attachment} with the file's name, as plain ASCII and as RFC 8187 UTF-8. */
  static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    StringBuilder utf8 = new StringBuilder();
    for (char c : name.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
    }
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        utf8.append((char) c);
      } else {
        utf8.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
  }
}
