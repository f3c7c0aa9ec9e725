package dci.app.moves;

import dci.app.peerlets.ExecRun;
import dci.protocol.moves.MoveView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A move's schedule (its start time and daily window) and its hooks (Fig. 21). */
final class MoveHooks {
  private static final int OUTPUT_CAP = 64 * 1024;

  private MoveHooks() {}

  /**
   * Runs {@code command} ({@code sh -c}) on the coordinator, in its data directory, with the
   * move's fields in the environment ({@code DCI_MOVE_ID}, {@code DCI_MOVE_KIND}, {@code
   * DCI_MOVE_PAIRS} as {@code user:from:to} separated by spaces, {@code DCI_MOVE_PHASE}). Answers
   * what it did, beginning with "failed" when it did not exit 0.
   */
  static String run(MoveContext mx, MoveView move, String phase, String command) {
    Map<String, String> env = Map.of("DCI_MOVE_ID", move.id(), "DCI_MOVE_KIND", move.kind(), "DCI_MOVE_PHASE", phase,
        "DCI_MOVE_PAIRS", move.pairs().stream().map(p -> p.user() + ":" + p.from() + ":" + p.to())
            .collect(Collectors.joining(" ")), "DCI_BLADE", mx.blade());
    ExecRun.Result r = ExecRun.run(new ExecRun.Request(List.of("sh", "-c", command), null, env, mx.dataDir(),
        mx.settings().hookTimeout().toMillis()), OUTPUT_CAP);
    String out = (r.stdout() + r.stderr()).strip();
    out = out.length() > 200 ? out.substring(0, 200) + "…" : out;
    if (r.exitCode() != 0 || r.timedOut() || r.error() != null) {
      return "failed (" + (r.timedOut() ? "timed out" : r.error() != null ? r.error() : "exit " + r.exitCode()) + ")"
          + (out.isEmpty() ? "" : ": " + out);
    }
    return "'" + command + "' ran" + (out.isEmpty() ? "" : ": " + out);
  }

  /** How long the move must still wait for its start time and its window at {@code now} (zero: it may run). */
  static Duration untilAllowed(MoveView move, Instant now) {
    Instant start = now;
    if (move.at() != null) {
      Instant at = Instant.parse(move.at());
      if (at.isAfter(start)) {
        start = at;
      }
    }
    if (move.window() != null) {
      LocalTime[] w = MovePlans.window(move.window());
      ZonedDateTime t = start.atZone(ZoneId.systemDefault());
      if (!inside(t.toLocalTime(), w[0], w[1])) {
        ZonedDateTime open = t.with(w[0]);
        if (!open.isAfter(t)) {
          open = open.plusDays(1);
        }
        start = open.toInstant();
      }
    }
    return start.isAfter(now) ? Duration.between(now, start) : Duration.ZERO;
  }

  private static boolean inside(LocalTime t, LocalTime from, LocalTime to) {
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
  }
}
