package dci.protocol.resources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Reply of {@code GET /api/resources/advise?since=D}: each blade's load over the window, and the
 * moves that would even it out, each with the command line that plans it.
 *
 * @param since the window's start
 * @param blades each blade's mean load and its users now
 * @param suggestions the moves suggested, the biggest gain first (none when the load is even)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Advice(Instant since, List<BladeLoad> blades, List<Suggestion> suggestions) {

  /**
   * A blade's load over the window.
   *
   * @param cpu mean CPU load, %
   * @param memory mean memory in use, %
   * @param users the users whose port is routed to it now
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BladeLoad(String blade, double cpu, double memory, List<String> users) {}

  /** One user moving from one blade to another. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Pair(String user, String from, String to) {}

  /**
   * A suggested move.
   *
   * @param kind {@code one-to-one} or {@code swap}
   * @param pairs who goes where
   * @param reason why, in words
   * @param gain the expected gain, in CPU percentage points off the busiest blade of the move
   * @param command the {@code dci move plan} command line that plans it
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Suggestion(String kind, List<Pair> pairs, String reason, double gain, String command) {}

  public Advice {
    blades = blades == null ? List.of() : List.copyOf(blades);
    suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
  }
}
