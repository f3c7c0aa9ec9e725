package dci.app.cli;

import dci.protocol.aims.AuditReport;
import dci.protocol.aims.AuditRow;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** {@code dci aims audit --html}: the audit as one self-contained HTML page (no script, styles inline). */
final class AuditHtml {
  private AuditHtml() {}

  static String render(List<AuditRow> rows) {
    StringBuilder b = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>DCI audit</title><style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}"
        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
        + "text-align:left}th{background:#f3f3f3}h2{margin-top:2em}.bad{color:#b00}</style></head><body>\n");
    b.append("<h1>DCI security audit</h1><p>Written ").append(esc(Instant.now().toString())).append(", ")
        .append(rows.size()).append(" blade(s).</p>\n");
    for (AuditRow r : rows) {
      b.append("<h2>").append(esc(r.blade())).append("</h2>\n");
      if (r.report() == null) {
        b.append("<p class=\"bad\">Not audited: ").append(esc(r.error())).append("</p>\n");
        continue;
      }
      AuditReport a = r.report();
      table(b, "Accounts that can log in", List.of("name", "uid", "shell", "home"), a.loginAccounts(),
          x -> List.of(x.name(), String.valueOf(x.uid()), x.shell(), x.home()));
      table(b, "Sudo rights", List.of("rule"), a.sudo(), x -> List.of(x));
      table(b, "World-writable" + (a.worldWritableCapped() ? " (first " + a.worldWritable().size() + ")" : ""),
          List.of("path"), a.worldWritable(), x -> List.of(x));
      table(b, "Listening sockets", List.of("proto", "address", "port", "process", "user"), a.listening(),
          x -> List.of(x.proto(), x.address(), String.valueOf(x.port()), String.valueOf(x.process()), x.user()));
      table(b, "Failed DCI logins", List.of("user", "from", "count", "last"), a.failedLogins(),
          x -> List.of(x.user(), x.address(), String.valueOf(x.count()), String.valueOf(x.last())));
      table(b, "Out-of-date packages", List.of("package", "installed", "available"), a.outOfDate(),
          x -> List.of(x.name(), x.installed(), x.available()));
      if (!a.notes().isEmpty()) {
        table(b, "Notes", List.of("note"), a.notes(), x -> List.of(x));
      }
    }
    return b.append("</body></html>\n").toString();
  }

  private static <T> void table(StringBuilder b, String title, List<String> heads, List<T> rows,
      Function<T, List<String>> cells) {
    b.append("<h3>").append(esc(title)).append(" (").append(rows.size()).append(")</h3>\n");
    if (rows.isEmpty()) {
      return;
    }
    b.append("<table><tr>");
    heads.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
    b.append("</tr>\n");
    for (T row : rows) {
      b.append("<tr>");
      cells.apply(row).forEach(c -> b.append("<td>").append(esc(c)).append("</td>"));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder o = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> o.append("&lt;");
        case '>' -> o.append("&gt;");
        case '&' -> o.append("&amp;");
        case '"' -> o.append("&quot;");
        case '\'' -> o.append("&#39;");
        default -> o.append(c);
      }
    }
    return o.toString();
  }
}
