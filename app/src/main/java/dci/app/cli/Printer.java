package dci.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Prints API answers as aligned tables or as JSON. */
final class Printer {
  private Printer() {}

  static void json(PrintWriter out, Object value) {
    try {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** A column: its heading and how to get its cell from a row. */
  record Column(String heading, Function<JsonNode, String> cell) {}

  static void table(PrintWriter out, JsonNode rows, List<Column> columns) {
    List<String[]> lines = new ArrayList<>();
    lines.add(columns.stream().map(Column::heading).toArray(String[]::new));
    for (JsonNode row : rows) {
      lines.add(columns.stream().map(c -> c.cell().apply(row)).toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        widths[i] = Math.max(widths[i], l[i].length());
      }
    }
    for (String[] l : lines) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        sb.append(i == l.length - 1 ? l[i] : String.format("%-" + widths[i] + "s  ", l[i]));
      }
      out.println(sb.toString().stripTrailing());
    }
    out.flush();
  }

  static String text(JsonNode row, String field) {
    JsonNode n = row.get(field);
    if (n == null || n.isNull()) {
      return "-";
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(e -> parts.add(e.asText()));
      return parts.isEmpty() ? "-" : String.join(",", parts);
    }
    return n.asText();
  }

  static String bytes(JsonNode row, String field) {
    long v = row.path(field).asLong(-1);
    return v < 0 ? "-" : size(v);
  }

  /** {@code v} bytes in binary units: 512 B, 1.5 KiB, 3.2 GiB. */
  static String size(long v) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double d = v;
    int u = 0;
    while (d >= 1024 && u < units.length - 1) {
      d /= 1024;
      u++;
    }
    return u == 0 ? v + " B" : String.format(Locale.ROOT, "%.1f %s", d, units[u]);
  }
}
