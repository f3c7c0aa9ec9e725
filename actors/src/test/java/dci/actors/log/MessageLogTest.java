package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.TestBlades;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message log journals envelopes to the blade's own H2 file (the real defaults from
 * {@code reference.conf}), answers filtered queries in time order, survives a restart of
 * the blade, snapshots without losing lines, and keeps nothing when disabled.
 */
class MessageLogTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String BLADE = "blade-1";

  @TempDir Path dir;

  // ---- helpers

  /** A test kit whose config is the blade's real configuration, {@code overrides} over the defaults. */
  private static ActorTestKit blade(Path data, String overrides) {
    BladeSettings s = new BladeSettings(BLADE, "127.0.0.1", TestBlades.freePort(), "127.0.0.1",
        TestBlades.freePort(), data, List.of(), "default", List.of());
    TestBlades.prepareTls(s, null);
    // overrides go over the defaults before resolution, as an operator's file does
    Config config = DciConfig.forBlade(s, ConfigFactory.parseString(overrides).withFallback(DciConfig.base(null)));
    return ActorTestKit.create(BladeSettings.SYSTEM_NAME, config);
  }

  private static Envelope envelope(String app, String from, Recipients to, UUID correlationId, UUID replayOf) {
    JsonNode payload = JsonNodeFactory.instance.objectNode().put("text", "hello from " + from).put("n", 7);
    return new Envelope(null, app, null, new Sender(from, null, null), to, 3, 0, null, correlationId, replayOf,
        payload).completed(new Sender(from, null, null), Instant.now());
  }

  private static Envelope envelope(String app, String from, Recipients to) {
    return envelope(app, from, to, null, null);
  }

  private static LogQuery all(int limit) {
    return new LogQuery(null, null, null, null, null, null, limit);
  }

  private static List<LogEntry> query(ActorTestKit kit, ActorRef<MessageLog.Command> log, LogQuery q) {
    TestProbe<MessageLog.Entries> probe = kit.createTestProbe();
    log.tell(new MessageLog.Query(q, probe.getRef()));
    return probe.receiveMessage(WAIT).entries();
  }

  /** Waits until the log holds exactly {@code n} lines; returns them. */
  private static List<LogEntry> awaitLines(ActorTestKit kit, ActorRef<MessageLog.Command> log, int n) {
    TestProbe<Object> waiter = kit.createTestProbe();
    return waiter.awaitAssert(WAIT, Duration.ofMillis(100), () -> {
      List<LogEntry> lines = query(kit, log, all(10_000));
      assertThat(lines).hasSize(n);
      return lines;
    });
  }

  private static List<UUID> ids(List<LogEntry> entries) {
    return entries.stream().map(e -> e.envelope().id()).toList();
  }

  private static void pause() throws InterruptedException {
    Thread.sleep(5); // distinct arrival times, so since/until can split the lines
  }

  // ---- tests

  @Test
  void appendedEnvelopesAreQueryableInTimeOrderWithFilters() throws Exception {
    Envelope a = envelope("chat", "blade-1", Recipients.blade("blade-2"));
    Envelope b = envelope("echo", "blade-2", Recipients.all());
    Envelope c = envelope("chat", "blade-3", Recipients.multicast(List.of("blade-1", "blade-4")));
    Envelope d = envelope("echo", "blade-1", Recipients.blade("blade-2"), b.id(), null);
    Envelope e = envelope("chat", "blade-2", Recipients.any(), null, a.id());
    ActorTestKit kit = blade(dir.resolve(BLADE), "");
    try {
      ActorRef<MessageLog.Command> log = kit.spawn(MessageLog.create(BLADE, true), "log");
      log.tell(new MessageLog.Append(Direction.SENT, a, null));
      pause();
      log.tell(new MessageLog.Append(Direction.RECEIVED, b, null));
      pause();
      log.tell(new MessageLog.Append(Direction.EXPIRED, c, "TTL exhausted before reaching blade-4"));
      pause();
      log.tell(new MessageLog.Append(Direction.SENT, d, null));
      pause();
      log.tell(new MessageLog.Append(Direction.RELAYED, e, "no 'chat' here; on to blade-3"));

      List<LogEntry> every = awaitLines(kit, log, 5);
      assertThat(every).extracting(LogEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(ids(every)).containsExactly(a.id(), b.id(), c.id(), d.id(), e.id());
      assertThat(every).extracting(LogEntry::direction).containsExactly(
          Direction.SENT, Direction.RECEIVED, Direction.EXPIRED, Direction.SENT, Direction.RELAYED);
      assertThat(every).extracting(LogEntry::blade).containsOnly(BLADE);
      assertThat(every.get(2).note()).isEqualTo("TTL exhausted before reaching blade-4");
      assertThat(every.get(0).note()).isNull();
      assertThat(every.get(0).envelope()).as("the envelope, payload included, round-trips the journal")
          .isEqualTo(a);
      for (int i = 1; i < every.size(); i++) {
        assertThat(every.get(i).at()).isAfter(every.get(i - 1).at());
      }

      // app type, sender, receiver (named, multicast, and ALL received here; ANY relayed is not for us)
      assertThat(ids(query(kit, log, new LogQuery("chat", null, null, null, null, null, 10))))
          .containsExactly(a.id(), c.id(), e.id());
      assertThat(ids(query(kit, log, new LogQuery(null, "blade-2", null, null, null, null, 10))))
          .containsExactly(b.id(), e.id());
      assertThat(ids(query(kit, log, new LogQuery(null, null, "blade-2", null, null, null, 10))))
          .containsExactly(a.id(), d.id());
      assertThat(ids(query(kit, log, new LogQuery(null, null, "blade-1", null, null, null, 10))))
          .containsExactly(b.id(), c.id());
      assertThat(ids(query(kit, log, new LogQuery(null, null, "blade-4", null, null, null, 10))))
          .containsExactly(c.id());
      assertThat(query(kit, log, new LogQuery("nope", null, null, null, null, null, 10))).isEmpty();
      assertThat(ids(query(kit, log, new LogQuery("echo", "blade-1", "blade-2", null, null, null, 10))))
          .containsExactly(d.id());

      // one envelope: its id, or as the correlation id of a reply, or as the replayed id
      assertThat(ids(query(kit, log, new LogQuery(null, null, null, null, null, a.id(), 10))))
          .containsExactly(a.id(), e.id());
      assertThat(ids(query(kit, log, new LogQuery(null, null, null, null, null, b.id(), 10))))
          .containsExactly(b.id(), d.id());

      // since (inclusive) and until (exclusive) on the time logged
      Instant third = every.get(2).at();
      assertThat(query(kit, log, new LogQuery(null, null, null, third, null, null, 10)))
          .extracting(LogEntry::seq).containsExactly(3L, 4L, 5L);
      assertThat(query(kit, log, new LogQuery(null, null, null, null, third, null, 10)))
          .extracting(LogEntry::seq).containsExactly(1L, 2L);
      assertThat(query(kit, log, new LogQuery(null, null, null, every.get(1).at(), every.get(3).at(), null, 10)))
          .extracting(LogEntry::seq).containsExactly(2L, 3L);

      // limit keeps the newest, still oldest first
      assertThat(query(kit, log, all(2))).extracting(LogEntry::seq).containsExactly(4L, 5L);
      assertThat(ids(query(kit, log, new LogQuery("chat", null, null, null, null, null, 2))))
          .containsExactly(c.id(), e.id());
      assertThat(query(kit, log, all(1))).extracting(LogEntry::seq).containsExactly(5L);
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void logSurvivesARestartOfTheBlade() {
    Path data = dir.resolve(BLADE);
    List<Envelope> sent = List.of(
        envelope("chat", "blade-1", Recipients.blade("blade-2")),
        envelope("echo", "blade-2", Recipients.all()),
        envelope("chat", "blade-3", Recipients.any()));
    List<LogEntry> before;
    ActorTestKit first = blade(data, "");
    try {
      ActorRef<MessageLog.Command> log = first.spawn(MessageLog.create(BLADE, true), "log");
      for (Envelope e : sent) {
        log.tell(new MessageLog.Append(Direction.SENT, e, null));
      }
      before = awaitLines(first, log, 3);
    } finally {
      first.shutdownTestKit();
    }
    assertThat(data.resolve("journal").resolve("h2.mv.db")).as("the blade's own H2 file").isRegularFile();

    ActorTestKit again = blade(data, "");
    try {
      ActorRef<MessageLog.Command> log = again.spawn(MessageLog.create(BLADE, true), "log");
      assertThat(query(again, log, all(10))).as("after the restart").isEqualTo(before);
      Envelope next = envelope("echo", "blade-1", Recipients.blade("blade-3"));
      log.tell(new MessageLog.Append(Direction.RECEIVED, next, null));
      List<LogEntry> after = awaitLines(again, log, 4);
      assertThat(after).extracting(LogEntry::seq).containsExactly(1L, 2L, 3L, 4L);
      assertThat(after.get(3).envelope().id()).isEqualTo(next.id());
      assertThat(after.get(3).at()).isAfter(before.get(2).at());
    } finally {
      again.shutdownTestKit();
    }
  }

  @Test
  void disabledLogPersistsNothing() {
    Path data = dir.resolve(BLADE);
    ActorTestKit kit = blade(data, "");
    try {
      ActorRef<MessageLog.Command> log = kit.spawn(MessageLog.create(BLADE, false), "log");
      for (int i = 0; i < 5; i++) {
        log.tell(new MessageLog.Append(Direction.SENT, envelope("chat", "blade-1", Recipients.any()), null));
      }
      assertThat(query(kit, log, all(10))).isEmpty();
    } finally {
      kit.shutdownTestKit();
    }
    assertThat(data.resolve("journal")).as("no journal opened").doesNotExist();

    ActorTestKit enabled = blade(data, "");
    try {
      ActorRef<MessageLog.Command> log = enabled.spawn(MessageLog.create(BLADE, true), "log");
      assertThat(query(enabled, log, all(10))).as("nothing was journaled while disabled").isEmpty();
    } finally {
      enabled.shutdownTestKit();
    }
  }

  @Test
  void snapshotsDoNotLoseEntries() throws Exception {
    Path data = dir.resolve(BLADE);
    // a snapshot every 10 writes, each of at most 3 lines
    String overrides = "dci.log.snapshot-every = 10\ndci.log.max-batch = 3";
    int n = 57;
    List<Envelope> sent = new ArrayList<>();
    ActorTestKit first = blade(data, overrides);
    String url = first.system().settings().config().getString("dci.journal.slick.db.url");
    try {
      ActorRef<MessageLog.Command> log = first.spawn(MessageLog.create(BLADE, true), "log");
      for (int i = 0; i < n; i++) {
        Envelope e = envelope(i % 2 == 0 ? "chat" : "echo", "blade-1", Recipients.blade("blade-2"));
        sent.add(e);
        log.tell(new MessageLog.Append(i % 3 == 0 ? Direction.SENT : Direction.RECEIVED, e, null));
      }
      assertThat(ids(awaitLines(first, log, n))).isEqualTo(sent.stream().map(Envelope::id).toList());
      first.createTestProbe().awaitAssert(WAIT, Duration.ofMillis(100), () -> {
        long[] snapshots = snapshots(url);
        // one journal event per write of at most 3 lines: 57 lines are at least 19 events
        assertThat(snapshots[1]).as("newest snapshot's sequence number (writes)").isGreaterThanOrEqualTo(10);
        assertThat(snapshots[0]).as("snapshots kept (2, a third until deleted)").isBetween(1L, 3L);
        return null;
      });
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit again = blade(data, overrides);
    try {
      ActorRef<MessageLog.Command> log = again.spawn(MessageLog.create(BLADE, true), "log");
      List<LogEntry> recovered = query(again, log, all(10_000));
      assertThat(recovered).extracting(LogEntry::seq).containsExactlyElementsOf(
          LongStream.rangeClosed(1, n).boxed().toList());
      assertThat(ids(recovered)).isEqualTo(sent.stream().map(Envelope::id).toList());
      assertThat(query(again, log, new LogQuery("chat", null, null, null, null, null, 10_000))).hasSize((n + 1) / 2);
      log.tell(new MessageLog.Append(Direction.SENT, envelope("chat", "blade-1", Recipients.any()), null));
      assertThat(awaitLines(again, log, n + 1).get(n).seq()).as("seq continues from the snapshot").isEqualTo(n + 1L);
    } finally {
      again.shutdownTestKit();
    }
  }

  @Test
  void aBurstOfAppendsIsKeptWholeInOrderAndSeenByTheNextQuery() {
    // more lines at once than a persistent actor may stash (4096): none may be dropped
    int n = 6000;
    ActorTestKit kit = blade(dir.resolve(BLADE), "");
    try {
      ActorRef<MessageLog.Command> log = kit.spawn(MessageLog.create(BLADE, true), "log");
      List<UUID> sent = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Envelope e = envelope("chat", "blade-1", Recipients.blade("blade-2"));
        sent.add(e.id());
        log.tell(new MessageLog.Append(Direction.SENT, e, null));
      }
      // a query sees every line that reached the log before it: no waiting needed
      List<LogEntry> lines = query(kit, log, all(10_000));
      assertThat(lines).extracting(LogEntry::seq).containsExactlyElementsOf(
          LongStream.rangeClosed(1, n).boxed().toList());
      assertThat(ids(lines)).isEqualTo(sent);
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aJournalThatCannotBeSetUpLeavesTheLogAnsweringEmpty() {
    // no such JDBC driver: the schema cannot be created; the log must not crash-loop
    ActorTestKit kit = blade(dir.resolve(BLADE), "dci.journal.slick.db.driver = \"no.such.Driver\"");
    try {
      ActorRef<MessageLog.Command> log = kit.spawn(MessageLog.create(BLADE, true), "log");
      log.tell(new MessageLog.Append(Direction.SENT, envelope("chat", "blade-1", Recipients.any()), null));
      assertThat(query(kit, log, all(10))).isEmpty();
      log.tell(new MessageLog.Append(Direction.SENT, envelope("chat", "blade-1", Recipients.any()), null));
      assertThat(query(kit, log, all(10))).isEmpty();
      kit.createTestProbe().expectNoMessage(Duration.ofMillis(200));
      assertThat(query(kit, log, all(10))).as("still answering").isEmpty();
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** {count, highest sequence number} of the log's snapshots, read straight from the H2 file. */
  private static long[] snapshots(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(MAX(\"sequence_number\"), 0) FROM \"snapshot\" "
            + "WHERE \"persistence_id\" = '" + MessageLog.persistenceId(BLADE) + "'")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }
}
