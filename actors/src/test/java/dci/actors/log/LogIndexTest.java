package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexed read side answers exactly what the journal scan it replaced answered, on the same
 * log: a few hundred lines of mixed apps, senders, recipients (named, multicast, all, any),
 * directions, replies and replays, written in small events and indexed in small blocks, asked
 * every filter, time ranges, ids, limits and both cursors. The scan is the old reader, kept in
 * the tests ({@link ScanReader}).
 */
class LogIndexTest {
  private static final int LINES = 600;
  private static final List<String> APPS = List.of("chat", "echo", "exec", "rare");
  /** Many blades, so that a block of 8 lines holds few of them: the index has to tell blocks apart. */
  private static final List<String> BLADES = java.util.stream.IntStream.rangeClosed(1, 24)
      .mapToObj(n -> "blade-" + n).toList();

  @TempDir static Path dir;
  private static LogKit blade;
  private static List<LogEntry> logged;

  @BeforeAll
  static void aMixedLog() throws InterruptedException {
    // at most 7 lines an event, 8 a block, 2 blocks a query: many events, blocks and chunks
    blade = LogKit.start(dir.resolve("blade-1"), "dci.log.max-batch = 7\ndci.log.index.block-lines = 8\n"
        + "dci.log.read-chunk = 2");
    Random random = new Random(21);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      String app = i % 97 == 0 ? "rare" : APPS.get(random.nextInt(3));
      String from = random.nextInt(10) == 0 ? null : BLADES.get(random.nextInt(BLADES.size()));
      Recipients to = switch (random.nextInt(4)) {
        case 0 -> Recipients.blade(BLADES.get(1 + random.nextInt(BLADES.size() - 1))); // never this blade by name
        case 1 -> Recipients.multicast(List.of(BLADES.get(1 + random.nextInt(11)), BLADES.get(12 + random.nextInt(12))));
        case 2 -> Recipients.all();
        default -> Recipients.any();
      };
      UUID reply = !ids.isEmpty() && random.nextInt(3) == 0 ? ids.get(random.nextInt(ids.size())) : null;
      UUID replay = !ids.isEmpty() && random.nextInt(20) == 0 ? ids.get(random.nextInt(ids.size())) : null;
      Envelope e = LogKit.envelope(app, from, to, reply, replay);
      ids.add(e.id());
      blade.append(Direction.values()[random.nextInt(Direction.values().length)], e);
      if (i % 50 == 49) {
        Thread.sleep(3); // distinct times, so since/until split the log
      }
    }
    logged = blade.all();
    assertThat(logged).hasSize(LINES);
  }

  @AfterAll
  static void stop() {
    blade.close();
  }

  @Test
  void everyFilterLimitAndCursorAnswersAsTheJournalScanDid() {
    Random random = new Random(7);
    LogPosition at = blade.position();
    int asked = 0;
    int nonEmpty = 0;
    for (int i = 0; i < 400; i++) {
      LogEntry some = logged.get(random.nextInt(LINES));
      Instant t1 = logged.get(random.nextInt(LINES)).at();
      Instant t2 = logged.get(random.nextInt(LINES)).at();
      UUID id = switch (random.nextInt(6)) {
        case 0 -> some.envelope().id();
        case 1 -> some.envelope().correlationId();
        case 2 -> UUID.randomUUID();
        default -> null;
      };
      int limit = List.of(1, 3, 10, 100, LogQuery.ALL).get(random.nextInt(5));
      Long cursor = random.nextInt(3) == 0 ? (long) random.nextInt(LINES + 2) : null;
      boolean forward = random.nextBoolean();
      LogQuery q = new LogQuery(
          pick(random, APPS, "nope"), pick(random, BLADES, null),
          // blade-1, this blade, is the receiver of every line it received for all or any
          random.nextInt(3) == 0 ? LogKit.BLADE : pick(random, BLADES, "blade-99"),
          random.nextInt(3) == 0 ? min(t1, t2) : null, random.nextInt(3) == 0 ? max(t1, t2) : null, id,
          limit, forward ? cursor : null, forward ? null : cursor);
      LogPage indexed = LogKit.await(blade.reader().page(q, at));
      LogPage scanned = LogKit.await(blade.scan().page(q, at));
      assertThat(indexed).as("page of %s", q).isEqualTo(scanned);
      List<LogEntry> lines = LogKit.lines(blade, q, indexed, false);
      assertThat(lines).as("lines of %s", q).isEqualTo(LogKit.lines(blade, q, scanned, true));
      asked++;
      nonEmpty += lines.isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).as("queries with matches, of %s", asked).isGreaterThan(asked / 8);
  }

  @Test
  void pagesFollowedByCursorsCoverEveryMatchOnce() {
    LogPosition at = blade.position();
    for (String app : APPS) {
      List<Long> seen = new ArrayList<>();
      Long before = null;
      do {
        LogQuery q = new LogQuery(app, null, null, null, null, null, 9, null, before);
        LogPage page = LogKit.await(blade.reader().page(q, at));
        seen.addAll(0, LogKit.lines(blade, q, page, false).stream().map(LogEntry::seq).toList());
        before = page.nextBefore();
      } while (before != null);
      assertThat(seen).as(app).containsExactlyElementsOf(
          logged.stream().filter(e -> e.envelope().appType().equals(app)).map(LogEntry::seq).toList());
    }
  }

  @Test
  void everyIdIsFoundWithItsRepliesAndReplays() {
    for (LogEntry e : logged.subList(0, 60)) {
      UUID id = e.envelope().id();
      List<Long> expected = logged.stream().filter(x -> id.equals(x.envelope().id())
          || id.equals(x.envelope().correlationId()) || id.equals(x.envelope().replayOf())).map(LogEntry::seq).toList();
      assertThat(blade.query(new LogQuery(null, null, null, null, null, id, 1000)))
          .extracting(LogEntry::seq).containsExactlyElementsOf(expected).contains(e.seq());
    }
  }

  private static String pick(Random random, List<String> values, String absent) {
    int n = random.nextInt(values.size() + 3);
    return n < values.size() ? values.get(n) : n == values.size() ? absent : null;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
