package dci.app.failover;

import dci.protocol.DciSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One fail-over, as every blade sees it (replicated map {@code dci-failovers}): which blade
 * failed and why, which spare replaced it, how, whose ports moved, and every step with its
 * time. A coordinator that dies mid-way leaves it unfinished; the next one carries it on.
 *
 * @param state detected, copying, switching, restoring, done or failed
 */
public record FailoverRecord(String id, String failed, String cause, FailoverMethod method, String replacement,
    List<String> users, String state, String coordinator, Instant started, Instant ended, List<Step> steps)
    implements DciSerializable {

  /** One detection, decision, copy or switch. */
  public record Step(Instant at, String blade, String what) implements DciSerializable {}

  public FailoverRecord {
    users = users == null ? List.of() : List.copyOf(users);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  public boolean over() {
    return state.equals("done") || state.equals("failed");
  }

  /** A copy in a new state with one more step. */
  public FailoverRecord next(String newState, String coordinatorNow, Instant at, String blade, String what) {
    List<Step> s = new ArrayList<>(steps);
    s.add(new Step(at, blade, what));
    boolean end = newState.equals("done") || newState.equals("failed");
    return new FailoverRecord(id, failed, cause, method, replacement, users, newState, coordinatorNow, started,
        end ? at : ended, s);
  }

  /** Milliseconds from the start to the last step. */
  public long elapsedMillis() {
    return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).at().toEpochMilli() - started.toEpochMilli();
  }
}
