package dci.app.node;

import java.io.PrintWriter;
import java.nio.file.Path;

/** A process of its own for {@link StartTurnTest}: takes the turn, says "held", keeps it until stdin closes. */
public final class StartTurnHolder {
  private StartTurnHolder() {}

  public static void main(String[] args) throws Exception {
    try (StartTurn turn = StartTurn.take(Path.of(args[0]), StartTurn.MAX_WAIT, new PrintWriter(System.err, true))) {
      System.out.println(turn.held() ? "held" : "not held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until the parent closes our stdin (or kills us)
      }
    }
  }
}
