package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side catches up with the journal after a restart: the journal went on while the read
 * side stood still (a crash between two of the indexer's transactions), and the blade starts
 * again. Made deterministic by putting the read side's tables back to a state the indexer really
 * committed earlier (saved after a first run), under a journal that holds more. After the
 * restart every line is found once, by every index, and lines logged during the catch-up too.
 */
class LogCatchUpTest {
  /** 8 lines a block, at most 3 an event, 2 events a catch-up step. */
  private static final String SMALL = "dci.log.max-batch = 3\ndci.log.index.block-lines = 8\n"
      + "dci.log.index.catch-up-events = 2\ndci.log.read-chunk = 2";
  private static final String[] TABLES = {"dci_log_blocks", "dci_log_keys", "dci_log_progress"};

  @TempDir Path dir;

  private static Envelope line(int n, UUID replyTo) {
    return LogKit.envelope(n % 3 == 0 ? "chat" : "echo", "blade-" + (1 + n % 5), Recipients.blade("blade-" + (n % 7)),
        replyTo, null);
  }

  private List<UUID> log(LogKit blade, int from, int to) {
    List<UUID> ids = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      Envelope e = line(n, n % 4 == 0 && !ids.isEmpty() ? ids.get(ids.size() - 1) : null);
      ids.add(e.id());
      blade.append(Direction.SENT, e);
    }
    return ids;
  }

  private static void run(Connection c, String... statements) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  @Test
  void theReadSideCatchesUpAfterARestartMidWayWithNothingLostOrTwice() throws Exception {
    Path data = dir.resolve("blade-1");
    List<UUID> ids = new ArrayList<>();
    try (LogKit first = LogKit.start(data, SMALL)) {
      ids.addAll(log(first, 1, 101)); // 101: the newest block is left part full
      assertThat(first.all()).hasSize(101);
    }
    try (Connection c = LogKit.sql(data)) {
      for (String t : TABLES) {
        run(c, "CREATE TABLE saved_" + t + " AS SELECT * FROM " + t);
      }
    }
    try (LogKit second = LogKit.start(data, SMALL)) {
      ids.addAll(log(second, 102, 400));
      assertThat(second.all()).hasSize(400);
    }
    long journalEnd;
    try (Connection c = LogKit.sql(data)) {
      for (String t : TABLES) { // the read side as it was committed after line 101
        run(c, "DELETE FROM " + t, "INSERT INTO " + t + " SELECT * FROM saved_" + t, "DROP TABLE saved_" + t);
      }
      assertThat(LogKit.count(c, "SELECT indexed_seq FROM dci_log_progress")).isEqualTo(101);
      journalEnd = LogKit.count(c, "SELECT MAX(\"sequence_number\") FROM \"event_journal\"");
    }

    try (LogKit again = LogKit.start(data, SMALL)) {
      ids.addAll(log(again, 401, 450)); // while it catches up
      List<LogEntry> all = again.all();
      assertThat(all).extracting(LogEntry::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 450).boxed().toList());
      assertThat(all).extracting(e -> e.envelope().id()).containsExactlyElementsOf(ids);
      LogPosition at = again.position();
      LogQuery chat = new LogQuery("chat", null, null, null, null, null, LogQuery.ALL);
      assertThat(LogKit.lines(again, chat, LogKit.await(again.reader().page(chat, at)), false))
          .isEqualTo(LogKit.lines(again, chat, LogKit.await(again.scan().page(chat, at)), true)).hasSize(150);
      LogQuery fromThree = new LogQuery(null, "blade-3", "blade-4", null, null, null, LogQuery.ALL);
      assertThat(LogKit.lines(again, fromThree, LogKit.await(again.reader().page(fromThree, at)), false))
          .isEqualTo(LogKit.lines(again, fromThree, LogKit.await(again.scan().page(fromThree, at)), true)).isNotEmpty();
      for (int i = 95; i < 115; i++) { // around the block the first run left part full
        UUID id = ids.get(i);
        assertThat(again.query(new LogQuery(null, null, null, null, null, id, 100)))
            .as("line %s by its id", i + 1).extracting(e -> e.envelope().id()).contains(id)
            .doesNotHaveDuplicates();
      }
      try (Connection c = again.sql()) {
        assertThat(LogKit.count(c, "SELECT indexed_event FROM dci_log_progress")).isGreaterThan(journalEnd);
        assertThat(LogKit.count(c, "SELECT COUNT(*) FROM dci_log_blocks")).isEqualTo((450 + 7) / 8);
        assertThat(LogKit.count(c, "SELECT MAX(block) FROM dci_log_blocks")).isEqualTo(449 / 8);
      }
    }
  }

  @Test
  void aLostReadSideIsRebuiltFromTheJournal() throws Exception {
    Path data = dir.resolve("blade-1");
    List<UUID> ids;
    try (LogKit first = LogKit.start(data, SMALL)) {
      ids = log(first, 1, 120);
      assertThat(first.all()).hasSize(120);
    }
    try (Connection c = LogKit.sql(data)) {
      run(c, "DROP TABLE dci_log_blocks", "DROP TABLE dci_log_keys", "DROP TABLE dci_log_progress");
    }
    try (LogKit again = LogKit.start(data, SMALL)) {
      assertThat(again.all()).extracting(e -> e.envelope().id()).containsExactlyElementsOf(ids);
      assertThat(again.query(new LogQuery("chat", null, null, null, null, null, 1000))).hasSize(40);
    }
  }
}
