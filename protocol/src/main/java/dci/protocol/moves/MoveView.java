package dci.protocol.moves;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A move as stored and shown ({@code GET /api/moves/ID}): its plan, its state and every step.
 *
 * @param state planned, running, done, failed, rolled_back or cancelled
 * @param coordinator the blade that planned the move, stores it and runs it
 * @param marks the points the move has passed ({@code copied:USER}, {@code switched:USER}, …):
 *     a move resumed after its coordinator restarted skips them
 * @param ended null while not over
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MoveView(String id, String kind, List<MovePair> pairs, String at, String window, String pre,
    String post, String limit, String state, String coordinator, Instant created, Instant ended, List<String> marks,
    List<Step> steps) {

  /** Whether the move is over (done, failed, rolled back or cancelled). */
  @JsonIgnore
  public boolean over() {
    return state != null && !state.equals("planned") && !state.equals("running");
  }

  /** One thing the move did, when, and on which blade. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Step(Instant at, String blade, String what) {}
}
