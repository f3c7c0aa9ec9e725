package dci.app.aims;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import dci.protocol.aims.HostLogLine;
import dci.protocol.aims.HostLogs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blade's system log, read where a Debian administrator would: the systemd journal
 * ({@code journalctl}) when it has entries, else {@code /var/log/syslog} or
 * {@code /var/log/messages}, else the file of the blade's own syslog receiver
 * ({@link SyslogReceiver}, for hosts that run no syslog daemon). Blocking.
 */
final class SystemLog {
  /** How much of the end of a log file is read (older lines are the journal's or the rotation's). */
  private static final long TAIL_BYTES = 64L << 20;
  private static final Pattern RFC3164 =
      Pattern.compile("([A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d) \\S+ ([^:\\[\\s]+)(\\[\\d+])?: ?(.*)");
  private static final Pattern RFC3339 = Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\S+) \\S+ ([^:\\[\\s]+)(\\[\\d+])?: ?(.*)");
  private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.ROOT);
  private final String blade;
  private final List<Path> files;
  private final Path received;
  private final Clock clock;

  SystemLog(String blade, List<Path> files, Path received, Clock clock) {
    this.blade = blade;
    this.files = files;
    this.received = received;
    this.clock = clock;
  }

  HostLogs read(LogQuery q) {
    if (journalHasEntries()) {
      return journal(q);
    }
    for (Path f : files) {
      if (Files.isReadable(f)) {
        return file(f, f.toString(), q);
      }
    }
    if (received != null && Files.isReadable(received)) {
      return file(received, "dci syslog receiver (" + received + ")", q);
    }
    return new HostLogs(blade, "none", List.of(), false, "no system log here: no journal entries, no "
        + files.stream().map(Path::toString).reduce((a, b) -> a + " or " + b).orElse("log file")
        + ", and this blade keeps no syslog socket (dci.aims.syslog.listen; where several blades share a host,"
        + " the one that keeps it answers for the host)");
  }

  private static boolean journalHasEntries() {
    if (!HostCommand.exists("journalctl")) {
      return false;
    }
    for (String dir : List.of("/var/log/journal", "/run/log/journal")) {
      try (var s = Files.walk(Path.of(dir), 2)) {
        if (s.anyMatch(p -> p.toString().endsWith(".journal"))) {
          return true;
        }
      } catch (IOException | java.io.UncheckedIOException ignored) {
        // no such directory
      }
    }
    return false;
  }

  private HostLogs journal(LogQuery q) {
    // no -n or -g: journalctl's grep sees the message only, ours the tag too; the newest are kept below
    List<String> cmd = new ArrayList<>(List.of("journalctl", "--no-pager", "-o", "json", "--since",
        "@" + q.since().getEpochSecond()));
    if (q.unit() != null) {
      cmd.addAll(List.of("-u", q.unit()));
    }
    var r = HostCommand.run(cmd, Duration.ofSeconds(60), 64 << 20);
    if (r.exit() != 0 && r.exit() != 1) {
      return new HostLogs(blade, "journal", List.of(), false, "journalctl failed: " + r.err().strip());
    }
    ArrayDeque<HostLogLine> kept = new ArrayDeque<>();
    boolean capped = r.capped();
    for (String line : r.out().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = Json.mapper().readTree(line);
        long micros = n.path("__REALTIME_TIMESTAMP").asLong();
        String unit = n.hasNonNull("SYSLOG_IDENTIFIER") ? n.get("SYSLOG_IDENTIFIER").asText()
            : n.path("_SYSTEMD_UNIT").asText(null);
        String text = n.path("MESSAGE").isTextual() ? n.get("MESSAGE").asText() : n.path("MESSAGE").toString();
        Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        // -u already chose the unit: match the pattern (and time) only
        if (q.withoutUnit().matches(at, unit, text)) {
          kept.addLast(new HostLogLine(blade, at, unit, cut(text)));
          if (kept.size() > q.limit()) {
            kept.removeFirst();
            capped = true;
          }
        }
      } catch (IOException ignored) {
        // a line journalctl cut off at the cap
      }
    }
    return new HostLogs(blade, "journal", List.copyOf(kept), capped, null);
  }

  private HostLogs file(Path f, String source, LogQuery q) {
    ArrayDeque<HostLogLine> kept = new ArrayDeque<>();
    boolean capped = false;
    int year = clock.instant().atZone(ZoneId.systemDefault()).getYear();
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
      long start = Math.max(0, raf.length() - TAIL_BYTES);
      raf.seek(start);
      byte[] all = new byte[(int) (raf.length() - start)];
      raf.readFully(all);
      String text = new String(all, StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        HostLogLine l = parse(line, year);
        if (l != null && q.matches(l.at(), l.unit(), l.text())) {
          kept.addLast(l);
          if (kept.size() > q.limit()) {
            kept.removeFirst();
            capped = true;
          }
        }
      }
    } catch (IOException e) {
      return new HostLogs(blade, source, List.of(), false, "cannot read " + f + ": " + e.getMessage());
    }
    return new HostLogs(blade, source, List.copyOf(kept), capped, null);
  }

  /** A syslog line (BSD or RFC 3339 time stamps, as rsyslog writes them, or the receiver's), or null. */
  HostLogLine parse(String line, int year) {
    Matcher m = RFC3339.matcher(line);
    if (m.matches()) {
      try {
        return new HostLogLine(blade, OffsetDateTime.parse(m.group(1)).toInstant(), m.group(2), cut(m.group(4)));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    m = RFC3164.matcher(line);
    if (m.matches()) {
      try {
        Instant at = LocalDateTime.parse(m.group(1) + " " + year, BSD).atZone(ZoneId.systemDefault()).toInstant();
        if (at.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
          at = LocalDateTime.parse(m.group(1) + " " + (year - 1), BSD).atZone(ZoneId.systemDefault()).toInstant();
        }
        return new HostLogLine(blade, at, m.group(2), cut(m.group(4)));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static String cut(String text) {
    return text.length() > LogQuery.MAX_LINE ? text.substring(0, LogQuery.MAX_LINE) + "…" : text;
  }
}
