package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.envelope.Envelope;
import java.util.List;
import java.util.UUID;

/**
 * One envelope sent again, in {@link ReplayResult}: the logged envelope's id, then what
 * {@code POST /api/envelopes} answers ({@link SendResult}) for the new one.
 *
 * @param replayOf the id of the logged envelope repeated
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplayRun(UUID replayOf, UUID id, List<String> targets, boolean complete, Envelope envelope,
    List<Envelope> replies) {
  public ReplayRun {
    targets = targets == null ? List.of() : List.copyOf(targets);
    replies = replies == null ? List.of() : List.copyOf(replies);
  }

  /** The run of {@code replayOf} sent again as {@code sent}. */
  public static ReplayRun of(UUID replayOf, SendResult sent) {
    return new ReplayRun(replayOf, sent.id(), sent.targets(), sent.complete(), sent.envelope(), sent.replies());
  }
}
