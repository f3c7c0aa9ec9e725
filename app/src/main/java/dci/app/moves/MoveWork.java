package dci.app.moves;

import dci.hardware.port.PeripheralSwitch;
import dci.protocol.moves.MovePair;
import dci.protocol.moves.MoveView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One move run by its coordinator, blocking (on the I/O executor), every step stored before the
 * next: the pre hook; then, depth by depth, the users' desks held on both blades, each user's home
 * copied into the target's temporary folder (a swap: each source backed up now and the home
 * restored from it; else streamed straight from the source), the
 * ports switched, the copies put in place, the old homes removed and the desks released; the
 * temporary folders removed; the post hook. A failure before any port switched rolls the move
 * back (temporary folders removed, ports unchanged); after, the move is completed forward. The
 * marks stored with the steps let a resumed run skip what was done.
 */
final class MoveWork {
  /** Cancelled (before any port switched). */
  private static final class Cancelled extends Exception {
    Cancelled() {
      super("cancelled", null, false, false);
    }
  }

  private final ActorSystem<?> system;
  private final MoveContext mx;
  private final ActorRef<MoveBook.Command> book;
  private final AtomicBoolean cancel;
  private final Clock clock;
  private final MoveCalls calls;
  private final boolean resumed;
  private MoveView move;

  /** {@code resumed}: the move was running when its coordinator stopped (said in a step first). */
  MoveWork(ActorSystem<?> system, MoveContext mx, ActorRef<MoveBook.Command> book, MoveView move,
      AtomicBoolean cancel, Clock clock, boolean resumed) {
    this.system = system;
    this.mx = mx;
    this.book = book;
    this.move = move;
    this.cancel = cancel;
    this.clock = clock;
    this.calls = new MoveCalls(system, mx.settings().stepTimeout());
    this.resumed = resumed;
  }

  void run() {
    if (resumed) {
      step("running", mx.blade(), "resumed on " + mx.blade() + " after it restarted", null);
    }
    try {
      if (move.state().equals("planned")) {
        awaitWindow();
        step("running", mx.blade(), "started on " + mx.blade(), null);
      }
      if (move.pre() != null && !marked("pre")) {
        String out = MoveHooks.run(system, mx, move, "pre", move.pre());
        if (out.startsWith("failed")) {
          step("failed", mx.blade(), "the pre hook " + out + ": the move stopped, nothing changed", null);
          return;
        }
        step("running", mx.blade(), "pre hook: " + out, "pre");
      }
    } catch (Cancelled c) {
      step("cancelled", mx.blade(), "cancelled before it started", null);
      return;
    }
    for (int attempt = 0; ; attempt++) {
      try {
        forward();
        return;
      } catch (Cancelled c) {
        rollBack("cancelled", "cancelled before the ports switched: rolled back");
        return;
      } catch (IOException | RuntimeException e) {
        String why = String.valueOf(e.getMessage());
        if (!switched()) {
          rollBack("rolled_back", "failed before the ports switched (" + why + "): rolled back");
          return;
        }
        if (attempt >= mx.settings().retries()) {
          step("failed", mx.blade(), "failed after the ports switched (" + why + "); tried " + (attempt + 1)
              + " times: run it again to go on", null);
          return;
        }
        step("running", mx.blade(), "failed after the ports switched (" + why + "): going on", null);
      }
    }
  }

  private void forward() throws IOException, Cancelled {
    Map<Integer, List<MovePair>> depths = new TreeMap<>();
    move.pairs().forEach(p -> depths.computeIfAbsent(p.depth() == null ? 0 : p.depth(), d -> new ArrayList<>()).add(p));
    for (List<MovePair> group : depths.values()) {
      for (MovePair p : group) {
        calls.work(p.from(), Moves.Job.hold, move.id(), p.user(), null, null, mx.settings().stepTimeout());
        calls.work(p.to(), Moves.Job.hold, move.id(), p.user(), null, null, mx.settings().stepTimeout());
      }
      Map<String, String> rels = direct() ? homes(group) : backUp(group);
      copy(group, rels);
      if (cancel.get()) {
        throw new Cancelled();
      }
      for (MovePair p : group) {
        if (!marked("switched:" + p.user())) {
          switchPort(p);
        }
      }
      for (MovePair p : group) {
        doOnce("placed:" + p.user(), p.to(), Moves.Job.place, p, rels.get(p.user()));
        doOnce("removed:" + p.user(), p.from(), Moves.Job.remove, p, null);
      }
      release(group);
    }
    dropTemps();
    if (move.post() != null && !marked("post")) {
      step("running", mx.blade(), "post hook: " + MoveHooks.run(system, mx, move, "post", move.post()), "post");
    }
    step("done", mx.blade(), "done: " + MovePlans.describe(move.pairs()), null);
  }

  /**
   * True when the homes go straight from source to target (a one-to-one or a cascade: the source
   * keeps its home until the copy is in place, so it is on two blades from then on); a swap parks
   * its homes first in the sources' backups, on their peers, since each target's own user's home
   * is replaced.
   */
  private boolean direct() {
    return !move.kind().equals("swap");
  }

  /** Each user's home within the target's temporary folder when streamed straight there: its name. */
  private static Map<String, String> homes(List<MovePair> group) {
    Map<String, String> rels = new HashMap<>();
    group.forEach(p -> rels.put(p.user(), p.user()));
    return rels;
  }

  /**
   * Backs each source of the group up once, one after another, each sending at most the move's
   * limit; answers each user's home within its source's archive.
   */
  private Map<String, String> backUp(List<MovePair> group) throws IOException {
    Map<String, String> rels = new HashMap<>();
    for (MovePair p : group) {
      move.marks().stream().filter(m -> m.startsWith("backed-up:" + p.user() + "="))
          .forEach(m -> rels.put(p.user(), m.substring(m.indexOf('=') + 1)));
    }
    Set<String> sources = new LinkedHashSet<>();
    group.stream().filter(p -> !rels.containsKey(p.user())).forEach(p -> sources.add(p.from()));
    for (String source : sources) {
      List<MovePair> theirs = group.stream().filter(p -> p.from().equals(source)).toList();
      String rel = calls.work(source, Moves.Job.backup, move.id(), theirs.get(0).user(), null, null,
          move.limit() == null ? null : MovePlans.bytesPerSecond(move.limit()), mx.settings().copyTimeout());
      for (MovePair p : theirs) {
        String r = Path.of(rel).resolveSibling(p.user()).toString();
        rels.put(p.user(), r);
        step("running", source, "backed up " + source + " with " + p.user() + "'s home", "backed-up:" + p.user() + "=" + r);
      }
    }
    return rels;
  }

  /**
   * Restores (or streams) each user's home onto its target's temporary folder, all pairs of the group at once,
   * the move's limit shared among them (each restore reads at most its share).
   */
  private void copy(List<MovePair> group, Map<String, String> rels) throws IOException {
    List<MovePair> todo = group.stream().filter(p -> !marked("copied:" + p.user())).toList();
    Long share = move.limit() == null || todo.isEmpty() ? null
        : Math.max(1, MovePlans.bytesPerSecond(move.limit()) / todo.size());
    List<CompletableFuture<String>> copies = new ArrayList<>();
    for (MovePair p : todo) {
      copies.add(CompletableFuture.supplyAsync(() -> {
        try {
          return calls.work(p.to(), direct() ? Moves.Job.fetch : Moves.Job.restore, move.id(), p.user(), p.from(), rels.get(p.user()),
              share, mx.settings().copyTimeout());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
      }, mx.io()));
    }
    for (int i = 0; i < todo.size(); i++) {
      String what;
      try {
        what = copies.get(i).join();
      } catch (java.util.concurrent.CompletionException e) {
        throw new IOException(e.getCause() != null ? e.getCause().getMessage() : e.toString(), e);
      }
      step("running", todo.get(i).to(), what, "copied:" + todo.get(i).user());
    }
  }

  private void switchPort(MovePair p) throws IOException {
    PeripheralSwitch.Routed r = AskPattern.<PeripheralSwitch.Command, PeripheralSwitch.Routed>ask(mx.portSwitch(),
        rt -> new PeripheralSwitch.Assign(p.user(), p.to(), "move " + move.id(), rt), mx.settings().stepTimeout(),
        system.scheduler()).toCompletableFuture().join();
    if (r.error() != null) {
      throw new IOException("switching " + p.user() + "'s port failed: " + r.error());
    }
    step("running", mx.blade(), "switched " + p.user() + "'s port to " + p.to(), "switched:" + p.user());
  }

  private void doOnce(String mark, String blade, Moves.Job job, MovePair p, String rel) throws IOException {
    if (!marked(mark)) {
      step("running", blade, calls.work(blade, job, move.id(), p.user(), p.from(), rel, mx.settings().stepTimeout()), mark);
    }
  }

  private void release(List<MovePair> group) throws IOException {
    for (MovePair p : group) {
      calls.work(p.from(), Moves.Job.release, move.id(), p.user(), null, null, mx.settings().stepTimeout());
      calls.work(p.to(), Moves.Job.release, move.id(), p.user(), null, null, mx.settings().stepTimeout());
    }
  }

  private void dropTemps() throws IOException {
    for (String target : move.pairs().stream().map(MovePair::to).distinct().toList()) {
      step("running", target, calls.work(target, Moves.Job.drop, move.id(), null, null, null,
          mx.settings().stepTimeout()), null);
    }
  }

  /** Removes the temporary folders and releases the desks (best effort: a blade gone is noted), then ends. */
  private void rollBack(String state, String what) {
    List<String> problems = new ArrayList<>();
    for (MovePair p : move.pairs()) {
      for (String b : List.of(p.from(), p.to())) {
        try {
          calls.work(b, Moves.Job.release, move.id(), p.user(), null, null, mx.settings().stepTimeout());
        } catch (IOException e) {
          problems.add(e.getMessage());
        }
      }
    }
    try {
      dropTemps();
    } catch (IOException e) {
      problems.add(e.getMessage());
    }
    step(state, mx.blade(), what + (problems.isEmpty() ? "" : "; not cleaned: " + problems), null);
  }

  /** Waits until the move's start time and window allow it (or it is cancelled). */
  private void awaitWindow() throws Cancelled {
    boolean said = false;
    Duration wait;
    while (!(wait = MoveHooks.untilAllowed(move, clock.instant())).isZero()) {
      if (!said) {
        step("planned", mx.blade(), "waiting " + wait.toMinutes() + " min for its time" + (move.window() == null ? ""
            : " (window " + move.window() + ")"), null);
        said = true;
      }
      if (cancel.get()) {
        throw new Cancelled();
      }
      try {
        Thread.sleep(Math.min(1000, wait.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancelled();
      }
    }
    if (cancel.get()) {
      throw new Cancelled();
    }
  }

  private boolean switched() {
    return move.marks().stream().anyMatch(m -> m.startsWith("switched:"));
  }

  private boolean marked(String mark) {
    return move.marks().contains(mark);
  }

  private void step(String state, String blade, String what, String mark) {
    Instant at = clock.instant();
    MoveView after = AskPattern.<MoveBook.Command, MoveView>ask(book,
        rt -> new MoveBook.Step(move.id(), state, new MoveView.Step(at, blade, what), mark, rt),
        mx.settings().stepTimeout(), system.scheduler()).toCompletableFuture().join();
    MoveLog.step(mx.log(), mx.blade(), move.id(), state, blade, what, at);
    if (after != null) {
      move = after;
    }
  }
}
