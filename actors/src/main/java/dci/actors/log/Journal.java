package dci.actors.log;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The blade's event journal (pekko-persistence-jdbc on H2, or PostgreSQL by configuration), as
 * the features that keep event-sourced state of their own (the move manager) see it.
 */
public final class Journal {
  private Journal() {}

  /**
   * Completes once the journal's tables exist on this blade: an event-sourced actor spawned
   * before then would fail its recovery ("table not found") and be restarted.
   */
  public static CompletionStage<Void> ready(ActorSystem<?> system) {
    return LogDatabase.get(system).schema();
  }
}
