package dci.actors.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns journal events into rows of the read side, block by block: lines arrive in log order,
 * so only the newest block is ever open; a batch's rows are that block and any it filled on the
 * way. Owned by the {@link LogIndexer} (not thread-safe); a batch is written in one transaction
 * with the progress it brings, then {@link #written} marks its blocks stored.
 */
final class BlockBuilder {
  /**
   * What one transaction writes.
   *
   * @param touched the blocks that took lines
   * @param rows their rows as of this batch
   * @param lastEvent the newest journal event in the batch
   * @param lastSeq the newest line in the batch
   */
  record Batch(List<Block> touched, List<Block.Row> rows, long lastEvent, long lastSeq) {}

  private final int blockLines;
  private Block open;

  /** A builder going on from {@code open}, the newest block stored (null if none). */
  BlockBuilder(int blockLines, Block open) {
    this.blockLines = blockLines;
    this.open = open;
  }

  /**
   * The rows of {@code events}, skipping events up to {@code afterEvent} and lines up to
   * {@code afterSeq} (already indexed); null when nothing is new.
   */
  Batch add(List<JournalEvents.Event> events, long afterEvent, long afterSeq) {
    List<Block> touched = new ArrayList<>();
    long lastEvent = afterEvent;
    long lastSeq = afterSeq;
    for (JournalEvents.Event event : events) {
      if (event.nr() <= lastEvent) {
        continue;
      }
      lastEvent = event.nr();
      for (LogEntry line : event.lines()) {
        if (line.seq() <= lastSeq) {
          continue;
        }
        lastSeq = line.seq();
        long nr = Block.of(line.seq(), blockLines);
        if (open == null || open.nr != nr) {
          open = new Block(nr);
        }
        if (touched.isEmpty() || touched.get(touched.size() - 1) != open) {
          touched.add(open);
        }
        open.add(event.nr(), line);
      }
    }
    if (lastEvent == afterEvent) {
      return null;
    }
    List<Block.Row> rows = new ArrayList<>(touched.size());
    for (Block b : touched) {
      rows.add(b.row());
    }
    return new Batch(List.copyOf(touched), List.copyOf(rows), lastEvent, lastSeq);
  }

  /** {@code batch} was committed. */
  void written(Batch batch) {
    batch.touched().forEach(Block::written);
  }
}
