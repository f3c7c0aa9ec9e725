package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.aims.HostLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemLogTest {
  private static final Instant NOW = Instant.parse("2026-12-07T03:30:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void aFileInTheReceiversFormatAnswersByTimeTagAndPattern(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("syslog.log");
    Files.writeString(file, String.join("\n",
        "2026-12-07T01:00:00Z vm old: too old for the window",
        "2026-12-07T03:10:57.916511221Z vm acctest: hello world",
        "2026-12-07T03:11:00Z vm cron[42]: hello from cron",
        "garbage that is not a syslog line", ""));
    SystemLog log = new SystemLog("blade-1", List.of(dir.resolve("absent")), file, clock);

    HostLogs all = log.read(LogQuery.of("hello", NOW.minusSeconds(3600), null, 100));
    assertThat(all.error()).isNull();
    assertThat(all.lines()).extracting(l -> l.unit() + ":" + l.text())
        .containsExactly("acctest:hello world", "cron:hello from cron");

    HostLogs byTag = log.read(LogQuery.of("^acctest: ", NOW.minusSeconds(3600), null, 100));
    assertThat(byTag.lines()).extracting(l -> l.text()).containsExactly("hello world");

    HostLogs cron = log.read(LogQuery.of(null, NOW.minusSeconds(3600), "cron", 100));
    assertThat(cron.lines()).extracting(l -> l.text()).containsExactly("hello from cron");

    HostLogs capped = log.read(LogQuery.of("hello", NOW.minusSeconds(3600), null, 1));
    assertThat(capped.capped()).isTrue();
    assertThat(capped.lines()).extracting(l -> l.text()).containsExactly("hello from cron");
  }

  @Test
  void rsyslogsBsdTimeStampsAreReadInTheCurrentYear(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("syslog");
    Files.writeString(file, "Dec  7 03:03:01 vm mytag: hello there\n");
    SystemLog log = new SystemLog("blade-1", List.of(file), null, clock);

    HostLogs r = log.read(LogQuery.of("there$", NOW.minusSeconds(7200), null, 10));
    assertThat(r.source()).isEqualTo(file.toString());
    assertThat(r.lines()).singleElement().satisfies(l -> {
      assertThat(l.unit()).isEqualTo("mytag");
      assertThat(l.at().atZone(java.time.ZoneId.systemDefault()).getYear()).isEqualTo(2026);
    });
  }

  @Test
  void noSourceIsAnErrorThatSaysWhereItLooked(@TempDir Path dir) {
    SystemLog log = new SystemLog("blade-1", List.of(dir.resolve("syslog")), dir.resolve("none.log"), clock);
    HostLogs r = log.read(LogQuery.of(null, NOW.minusSeconds(60), null, 10));
    assertThat(r.error()).contains("no system log here").contains(dir.resolve("syslog").toString());
  }
}
