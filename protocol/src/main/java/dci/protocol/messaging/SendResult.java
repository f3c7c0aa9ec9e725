package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.envelope.Envelope;
import java.util.List;
import java.util.UUID;

/**
 * Reply of {@code POST /api/envelopes}: the envelope as the entering blade sent it, the blades it
 * went to, and (when the caller waited) the replies that came back, undeliverable notices included
 * (a notice's payload holds an {@code undeliverable} reason).
 *
 * @param id the envelope's id
 * @param targets blades it was handed to
 * @param complete true when every target replied before the wait ran out
 * @param envelope the envelope as the blade completed it (id, sender, TTL, time)
 * @param replies replies correlated to it, in arrival order
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendResult(UUID id, List<String> targets, boolean complete, Envelope envelope, List<Envelope> replies) {
  public SendResult {
    targets = targets == null ? List.of() : List.copyOf(targets);
    replies = replies == null ? List.of() : List.copyOf(replies);
  }
}
