package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogReceiverTest {

  @Test
  void linesSentWithLoggerAreKeptAndReadBack(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("log.sock");
    Path file = dir.resolve("syslog.log");
    try (SyslogReceiver r = SyslogReceiver.start(socket, file, 1 << 20, Clock.systemUTC())) {
      assertThat(r).isNotNull();
      Process p = new ProcessBuilder("logger", "-u", socket.toString(), "-t", "mytag", "hello from logger").start();
      assertThat(p.waitFor()).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.readString(file).contains("hello"));
      assertThat(Files.readString(file)).matches("(?s)\\d{4}-\\S+ \\S+ mytag: hello from logger\n");

      var logs = new SystemLog("blade-1", List.of(), file, Clock.systemUTC())
          .read(LogQuery.of("mytag", Instant.now().minusSeconds(60), null, 10));
      assertThat(logs.lines()).singleElement().satisfies(l -> assertThat(l.text()).isEqualTo("hello from logger"));

      assertThat(SyslogReceiver.start(socket, dir.resolve("other.log"), 1 << 20, Clock.systemUTC()))
          .as("a socket someone answers on is left alone").isNull();
    }
    assertThat(socket).as("the socket goes with the receiver").doesNotExist();
  }

  @Test
  void aStaleSocketIsTakenOverAndAPlainFileIsNot(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("log.sock");
    var stale = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
    stale.bind(java.net.UnixDomainSocketAddress.of(socket));
    stale.close(); // the file stays, nobody answers: as after a SIGKILL
    assertThat(socket).exists();
    try (SyslogReceiver r = SyslogReceiver.start(socket, dir.resolve("s.log"), 1 << 20, Clock.systemUTC())) {
      assertThat(r).isNotNull();
    }
    Path plain = dir.resolve("plain");
    Files.writeString(plain, "keep me");
    assertThat(SyslogReceiver.start(plain, dir.resolve("p.log"), 1 << 20, Clock.systemUTC())).isNull();
    assertThat(Files.readString(plain)).isEqualTo("keep me");
  }

  @Test
  void priorityAndTimeStampAreStrippedAndRfc5424IsUnderstood(@TempDir Path dir) throws Exception {
    try (SyslogReceiver r = SyslogReceiver.start(dir.resolve("s"), dir.resolve("f"), 1024, Clock.systemUTC())) {
      assertThat(r.line("<13>Dec  7 03:03:01 mytag[12]: hi")).endsWith(" mytag[12]: hi");
      assertThat(r.line("<13>1 2026-12-07T03:03:01.1Z host app 99 ID1 - the text")).endsWith(" app[99]: the text");
      assertThat(r.line("no header at all")).endsWith(" unknown: no header at all");
    }
  }
}
