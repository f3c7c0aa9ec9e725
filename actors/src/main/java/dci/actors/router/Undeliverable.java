package dci.actors.router;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Instant;

/** Builds the reply that tells a sender its envelope could not be delivered, and why. */
public final class Undeliverable {
  /** Payload field that marks an undeliverable notice. */
  public static final String FIELD = "undeliverable";

  private Undeliverable() {}

  /** The notice for {@code original}, from {@code blade}, with {@code reason}. */
  public static Envelope notice(Envelope original, String blade, String reason, Instant now) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put(FIELD, reason);
    payload.put("envelope", original.id().toString());
    payload.put("blade", blade);
    return Replies.to(original, new Sender(blade, null, null), payload, now);
  }

  /** True when {@code e} is an undeliverable notice. */
  public static boolean is(Envelope e) {
    return e.payload() != null && e.payload().has(FIELD);
  }

  /** Reason of a notice. */
  public static String reason(Envelope e) {
    return e.payload().path(FIELD).asText();
  }

  /** Replies: addressed back to the sender's blade, app and instance, correlated to the original. */
  public static final class Replies {
    private Replies() {}

    public static Envelope to(Envelope original, Sender from, com.fasterxml.jackson.databind.JsonNode payload, Instant now) {
      Sender s = original.sender();
      String app = s.appType() == null ? Envelope.API_APP : s.appType();
      return new Envelope(null, app, s.instance(), from, Recipients.blade(s.blade()), Envelope.DEFAULT_TTL, 0, now,
          original.id(), original.replayOf(), payload).completed(from, now);
    }
  }
}
