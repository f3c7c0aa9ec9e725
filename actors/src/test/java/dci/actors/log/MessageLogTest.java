package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.BladeSettings;
import dci.actors.TestBlades;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message log journals envelopes to H2 on the blade's disk, answers filtered queries, and survives a restart. */
class MessageLogTest {
  @TempDir Path dir;

  private static Envelope envelope(String app, String from, Recipients to) {
    return new Envelope(null, app, null, new Sender(from, null, null), to, 3, 0, null, null, null, null)
        .completed(new Sender(from, null, null), Instant.now());
  }

  private static List<LogEntry> query(TestBlades b, ActorRef<MessageLog.Command> log, LogQuery q) {
    TestProbe<MessageLog.Entries> probe = TestProbe.create(b.systems.get(0));
    log.tell(new MessageLog.Query(q, probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(20)).entries();
  }

  private static LogQuery all(int limit) {
    return new LogQuery(null, null, null, null, null, null, limit);
  }

  @Test
  void entriesAreFilteredKeptInOrderAndSurviveARestart() {
    BladeSettings s = new BladeSettings("blade-1", "127.0.0.1", TestBlades.freePort(), "127.0.0.1",
        TestBlades.freePort(), dir.resolve("blade-1"), List.of(), "default", List.of());
    Envelope a = envelope("chat", "blade-1", Recipients.blade("blade-2"));
    Envelope b = envelope("echo", "blade-2", Recipients.all());
    Envelope c = envelope("chat", "blade-3", Recipients.multicast(List.of("blade-1", "blade-4")));
    try (TestBlades first = new TestBlades()) {
      var log = first.add(s).log();
      log.tell(new MessageLog.Append(Direction.SENT, a, null));
      log.tell(new MessageLog.Append(Direction.RECEIVED, b, null));
      log.tell(new MessageLog.Append(Direction.EXPIRED, c, "TTL exhausted"));
      TestProbe<Object> waiter = TestProbe.create(first.systems.get(0));
      waiter.awaitAssert(Duration.ofSeconds(20), () -> {
        assertThat(query(first, log, all(10))).hasSize(3);
        return null;
      });
      List<LogEntry> every = query(first, log, all(10));
      assertThat(every).extracting(LogEntry::seq).containsExactly(1L, 2L, 3L);
      assertThat(every).extracting(LogEntry::direction)
          .containsExactly(Direction.SENT, Direction.RECEIVED, Direction.EXPIRED);
      assertThat(every.get(2).note()).isEqualTo("TTL exhausted");
      assertThat(query(first, log, new LogQuery("chat", null, null, null, null, null, 10)))
          .extracting(e -> e.envelope().id()).containsExactly(a.id(), c.id());
      assertThat(query(first, log, new LogQuery(null, "blade-2", null, null, null, null, 10)))
          .extracting(e -> e.envelope().id()).containsExactly(b.id());
      assertThat(query(first, log, new LogQuery(null, null, "blade-4", null, null, null, 10)))
          .extracting(e -> e.envelope().id()).containsExactly(c.id());
      assertThat(query(first, log, new LogQuery(null, null, null, null, null, b.id(), 10))).hasSize(1);
      assertThat(query(first, log, all(2))).as("limit keeps the newest").extracting(LogEntry::seq)
          .containsExactly(2L, 3L);
      Instant second = every.get(1).at();
      assertThat(query(first, log, new LogQuery(null, null, null, second, null, null, 10))).hasSize(2);
      assertThat(query(first, log, new LogQuery(null, null, null, null, second, null, 10))).hasSize(1);
    }
    try (TestBlades again = new TestBlades()) {
      var log = again.add(s).log();
      assertThat(query(again, log, all(10))).as("after restart").hasSize(3);
      log.tell(new MessageLog.Append(Direction.SENT, envelope("echo", "blade-1", Recipients.any()), null));
      TestProbe<Object> waiter = TestProbe.create(again.systems.get(0));
      waiter.awaitAssert(Duration.ofSeconds(20), () -> {
        assertThat(query(again, log, all(10))).extracting(LogEntry::seq).containsExactly(1L, 2L, 3L, 4L);
        return null;
      });
    }
  }
}
