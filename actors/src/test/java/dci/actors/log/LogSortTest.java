package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sort} orders the lines a query picks by any field it filters on (then by seq), on a
 * page and across the blocks of the read side; it does not change which lines are picked.
 */
class LogSortTest {
  @TempDir static Path dir;
  private static LogKit blade;
  private static final List<Envelope> SENT = new ArrayList<>();

  @BeforeAll
  static void sixLines() throws InterruptedException {
    blade = LogKit.start(dir.resolve("blade-1"), "dci.log.max-batch = 2\ndci.log.index.block-lines = 2");
    add("echo", "blade-3", Recipients.blade("blade-9"));                      // 1
    add("chat", "blade-1", Recipients.multicast(List.of("blade-2", "blade-4"))); // 2
    add("exec", null, Recipients.all());                                      // 3
    add("chat", "blade-2", Recipients.any());                                 // 4
    add("audit", "blade-1", Recipients.blade("blade-2"));                     // 5
    add("echo", "blade-2", Recipients.blade("blade-1"));                      // 6
    assertThat(blade.all()).hasSize(6);
  }

  private static void add(String app, String from, Recipients to) throws InterruptedException {
    Envelope e = LogKit.envelope(app, from, to, null, null);
    SENT.add(e);
    blade.append(Direction.SENT, e);
    Thread.sleep(2); // distinct times
  }

  @AfterAll
  static void stop() {
    blade.close();
  }

  private static List<Long> sorted(LogSort sort, int limit) {
    return blade.query(new LogQuery(null, null, null, null, null, null, limit, null, null, sort)).stream()
        .map(LogEntry::seq).toList();
  }

  @Test
  void eachFieldOrdersTheLinesThenSeqBreaksTies() {
    assertThat(sorted(LogSort.APP, 10)).containsExactly(5L, 2L, 4L, 1L, 6L, 3L);
    assertThat(sorted(LogSort.SENDER, 10)).as("no sender first").containsExactly(3L, 2L, 5L, 4L, 6L, 1L);
    assertThat(sorted(LogSort.RECEIVER, 10)).as("by the recipients as shown: all, any, blade-1, blade-2, "
        + "blade-2,blade-4, blade-9").containsExactly(3L, 4L, 6L, 5L, 2L, 1L);
    assertThat(sorted(LogSort.TIME, 10)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    List<Long> byId = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L, 6L));
    byId.sort(Comparator.comparing(seq -> SENT.get((int) (seq - 1)).id().toString()));
    assertThat(sorted(LogSort.ID, 10)).containsExactlyElementsOf(byId);
  }

  @Test
  void aLimitPicksTheNewestLinesAndSortsThose() {
    assertThat(sorted(LogSort.APP, 3)).as("lines 4, 5 and 6 by app").containsExactly(5L, 4L, 6L);
    LogQuery q = new LogQuery("chat", null, null, null, null, null, 1, null, 4L, LogSort.SENDER);
    assertThat(blade.query(q)).extracting(LogEntry::seq).as("a cursor works as without a sort").containsExactly(2L);
  }

  @Test
  void aSortedAnswerIsBounded() {
    assertThatThrownBy(() -> new LogQuery(null, null, null, null, null, null, LogQuery.ALL, null, null, LogSort.ID))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10000");
    assertThat(LogSort.parse(" Sender ")).isEqualTo(LogSort.SENDER);
    assertThatThrownBy(() -> LogSort.parse("size")).hasMessageContaining("time, app, sender, receiver, id");
  }
}
