package dci.protocol.moves;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Body of {@code POST /api/moves}: a move's plan.
 *
 * @param kind {@code one-to-one}, {@code cascade} or {@code swap}
 * @param at when the move may start (ISO instant), or null
 * @param window the daily window it may run in ({@code 22:00-06:00}), or null
 * @param pre a command run before anything changes (its failure stops the move), or null
 * @param post a command run once the move is done, or null
 * @param limit a bandwidth cap for the move's copies ({@code 10MiB}: bytes a second), or null
 * @param dryRun true: answer the checked plan without storing it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MoveRequest(String kind, List<MovePair> pairs, String at, String window, String pre, String post,
    String limit, Boolean dryRun) {}
