package dci.actors.router;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.protocol.messaging.UndeliverableNotice;
import java.time.Instant;

/** Builds the reply that tells a sender its envelope could not be delivered, and why. */
public final class Undeliverable {
  /** Payload field that marks an undeliverable notice. */
  public static final String FIELD = UndeliverableNotice.FIELD;

  private Undeliverable() {}

  /** The notice for {@code original}, from {@code blade}, with {@code reason}. */
  public static Envelope notice(Envelope original, String blade, String reason, Instant now) {
    JsonNode payload = new UndeliverableNotice(reason, original.id().toString(), blade).toPayload();
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
