package dci.app.aims;

import dci.protocol.aims.AlertRule;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One rule's memory on one blade: the last values it saw and how many samples in a row passed
 * or failed its test. Raised after {@code for} samples in a row pass; cleared after as many fail.
 */
final class RuleState {
  private final Deque<Double> recent = new ArrayDeque<>();
  private int passes;
  private int fails;
  private boolean raised;

  /** What a new sample changes: nothing, raise or clear. */
  enum Change { NONE, RAISE, CLEAR }

  Change sample(AlertRule rule, double value) {
    recent.addLast(value);
    int keep = Math.max(2, rule.forSamples() + 1);
    while (recent.size() > keep) {
      recent.removeFirst();
    }
    boolean pass = test(rule, value);
    passes = pass ? passes + 1 : 0;
    fails = pass ? 0 : fails + 1;
    // rising looks at a window of its own (for + 1 samples): one passing window is enough
    int need = rule.test().equals("rising") ? 1 : Math.max(1, rule.forSamples());
    if (!raised && passes >= need) {
      raised = true;
      return Change.RAISE;
    }
    if (raised && fails >= need) {
      raised = false;
      return Change.CLEAR;
    }
    return Change.NONE;
  }

  boolean raised() {
    return raised;
  }

  private boolean test(AlertRule rule, double value) {
    return switch (rule.test()) {
      case "over" -> value > rule.limit();
      case "under" -> value < rule.limit();
      default -> recent.size() >= Math.max(2, rule.forSamples() + 1) && rising();
    };
  }

  /** Rose at each step over the samples kept. */
  private boolean rising() {
    if (recent.size() < 2) {
      return false;
    }
    Double prev = null;
    for (double v : recent) {
      if (prev != null && v <= prev) {
        return false;
      }
      prev = v;
    }
    return true;
  }
}
