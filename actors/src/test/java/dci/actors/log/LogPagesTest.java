package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages of the message log follow cursors (before: older, after: newer) without loss or
 * repetition, an export streams every line, and the journal is read a bounded chunk of events
 * at a time, only as far as the reader consumes.
 */
class LogPagesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String BLADE = "blade-1";
  private static final int LINES = 95;

  @TempDir Path dir;
  private ActorTestKit kit;
  private ActorRef<MessageLog.Command> log;
  private LogReader reader;

  @BeforeEach
  void logWithManyEvents() {
    BladeSettings s = new BladeSettings(BLADE, "127.0.0.1", TestBlades.freePort(), "127.0.0.1",
        TestBlades.freePort(), dir.resolve(BLADE), List.of(), "default", List.of());
    // at most 3 lines per journal event, 2 events per read: many events, many chunks
    TestBlades.prepareTls(s, null);
    Config config = DciConfig.forBlade(s, ConfigFactory.parseString("dci.log.max-batch = 3\ndci.log.read-chunk = 2")
        .withFallback(DciConfig.base(null)));
    kit = ActorTestKit.create(BladeSettings.SYSTEM_NAME, config);
    log = kit.spawn(MessageLog.create(BLADE, true), "log");
    for (int i = 1; i <= LINES; i++) {
      log.tell(new MessageLog.Append(Direction.SENT, envelope(i % 5 == 0 ? "chat" : "echo", i), null));
    }
    reader = LogReader.of(kit.system(), BLADE);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  private static Envelope envelope(String app, int n) {
    Sender me = new Sender(BLADE, null, null);
    return new Envelope(null, app, null, me, Recipients.blade("blade-2"), 3, 0, null, null, null,
        JsonNodeFactory.instance.objectNode().put("n", n)).completed(me, Instant.now());
  }

  private LogPosition position() {
    TestProbe<LogPosition> probe = kit.createTestProbe();
    log.tell(new MessageLog.Position(probe.getRef()));
    return probe.receiveMessage(WAIT);
  }

  private <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
  }

  private List<Long> seqs(LogQuery q, LogPage page) throws Exception {
    return await(reader.entries(q, page).map(LogEntry::seq).runWith(Sink.seq(), kit.system()));
  }

  private static LogQuery query(String app, int limit, Long after, Long before) {
    return new LogQuery(app, null, null, null, null, null, limit, after, before);
  }

  @Test
  void thePositionCoversEveryLineThatReachedTheLogBeforeIt() {
    LogPosition at = position();
    assertThat(at.lastSeq()).isEqualTo(LINES);
    assertThat(at.lastEvent()).as("at most 3 lines per event").isGreaterThanOrEqualTo(LINES / 3);
  }

  @Test
  void followingBeforeCursorsReadsTheWholeLogBackwardsOncePageByPage() throws Exception {
    LogPosition at = position();
    List<List<Long>> pages = new ArrayList<>();
    Long before = null;
    do {
      LogQuery q = query(null, 10, null, before);
      LogPage page = await(reader.page(q, at));
      pages.add(seqs(q, page));
      before = page.nextBefore();
    } while (before != null);
    assertThat(pages.get(0)).as("the newest page, oldest first").containsExactlyElementsOf(
        LongStream.rangeClosed(86, 95).boxed().toList());
    assertThat(pages).hasSize(10);
    assertThat(pages.get(9)).containsExactly(1L, 2L, 3L, 4L, 5L);
    List<Long> all = new ArrayList<>();
    for (int i = pages.size() - 1; i >= 0; i--) {
      all.addAll(pages.get(i));
    }
    assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
  }

  @Test
  void followingAfterCursorsReadsFilteredMatchesForwards() throws Exception {
    LogPosition at = position();
    List<Long> all = new ArrayList<>();
    Long after = 0L;
    int pages = 0;
    while (after != null) {
      LogQuery q = query("chat", 4, after, null);
      LogPage page = await(reader.page(q, at));
      all.addAll(seqs(q, page));
      after = page.nextAfter();
      pages++;
    }
    assertThat(all).as("every fifth line is chat").containsExactlyElementsOf(
        LongStream.rangeClosed(1, LINES / 5).map(n -> n * 5).boxed().toList());
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void aPageStaysAsItWasWhenMoreLinesArrive() throws Exception {
    LogPosition at = position();
    log.tell(new MessageLog.Append(Direction.SENT, envelope("echo", 96), null));
    assertThat(position().lastSeq()).isEqualTo(LINES + 1);
    LogQuery q = query(null, 3, null, null);
    assertThat(seqs(q, await(reader.page(q, at)))).containsExactly(93L, 94L, 95L);
  }

  @Test
  void anExportStreamsEveryMatchInOrder() throws Exception {
    LogQuery q = query("echo", LogQuery.ALL, null, null);
    List<Long> seqs = seqs(q, await(reader.page(q, position())));
    assertThat(seqs).hasSize(LINES - LINES / 5).doesNotContain(5L, 10L, 95L).startsWith(1L, 2L, 3L, 4L, 6L);
    assertThat(seqs).isSorted();
  }

  @Test
  void theJournalIsReadAChunkAtATimeAndOnlyAsFarAsTheReaderTakes() throws Exception {
    LogPosition at = position();
    List<long[]> reads = new CopyOnWriteArrayList<>();
    CurrentEventsByPersistenceIdQuery real = PersistenceQuery.get(kit.system().classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    CurrentEventsByPersistenceIdQuery counting = new CurrentEventsByPersistenceIdQuery() {
      @Override
      public Source<EventEnvelope, NotUsed> currentEventsByPersistenceId(String id, long from, long to) {
        reads.add(new long[] {from, to});
        return real.currentEventsByPersistenceId(id, from, to);
      }
    };
    JournalScan scan = new JournalScan(() -> counting, MessageLog.persistenceId(BLADE), 2,
        Materializer.matFromSystem(kit.system()));

    List<Long> first = await(scan.forward(1, at.lastEvent()).take(4).map(LogEntry::seq)
        .runWith(Sink.seq(), kit.system()));
    assertThat(first).containsExactly(1L, 2L, 3L, 4L);
    assertThat(reads).allSatisfy(r -> assertThat(r[1] - r[0]).isLessThan(2));
    assertThat(reads.size()).as("a few chunks, not the %s events", at.lastEvent()).isLessThanOrEqualTo(3);

    reads.clear();
    List<LogEntry> everything = await(scan.backward(at.lastEvent(), 1).runWith(Sink.seq(), kit.system()));
    assertThat(everything).extracting(LogEntry::seq).containsExactlyElementsOf(
        LongStream.rangeClosed(1, LINES).map(n -> LINES + 1 - n).boxed().toList());
    assertThat(reads).allSatisfy(r -> assertThat(r[1] - r[0]).isLessThan(2));

    reads.clear();
    long event = await(scan.eventHolding(50, at.lastEvent()));
    List<Long> held = await(scan.forward(event, event).map(LogEntry::seq).runWith(Sink.seq(), kit.system()));
    assertThat(held).contains(50L);
    assertThat(reads.size()).as("found by bisection").isLessThanOrEqualTo(8);
  }
}
