package dci.actors.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.log.LogEntry;
import dci.protocol.Json;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import java.util.Set;

/**
 * What a viewer may not read in a logged envelope: the payload of envelopes to or from the apps
 * that their features mark hidden from viewers ({@link dci.actors.feature.Offer#hiddenFromViewers}),
 * such as the {@code exec} peerlet (command, args, env, stdin; exit code, stdout, stderr) and the
 * software installer {@code dci.install} (install requests and reports). Such a payload is replaced by
 * {@code {"redacted": true, "bytes": N}} (N: the size of the payload's JSON); the rest of the
 * entry (ids, sender, recipients, app, times, direction, note) stays. Operators and admins read
 * every envelope whole. Applied by the blade that serves the log, before anything leaves it.
 */
final class LogRedaction {
  /** App types whose payloads viewers never see (the features that own them say which). */
  private final Set<String> hidden;

  LogRedaction(Set<String> hidden) {
    this.hidden = hidden;
  }

  /** {@code entry} as a caller of role {@code role} may read it. */
  LogEntry forRole(Role role, LogEntry entry) {
    if (role.atLeast(Role.OPERATOR) || !hidden(entry.envelope())) {
      return entry;
    }
    Envelope e = entry.envelope();
    ObjectNode marker = JsonNodeFactory.instance.objectNode().put("redacted", true)
        .put("bytes", e.payload() == null ? 0 : Json.bytes(e.payload()).length);
    Envelope redacted = new Envelope(e.id(), e.appType(), e.instance(), e.sender(), e.to(), e.ttl(), e.hops(),
        e.created(), e.correlationId(), e.replayOf(), marker);
    return new LogEntry(entry.seq(), entry.at(), entry.blade(), entry.direction(), redacted, entry.note());
  }

  /** True for an envelope to one of the hidden apps, or sent by one (its replies). */
  boolean hidden(Envelope e) {
    return e != null && (isHidden(e.appType()) || e.sender() != null && isHidden(e.sender().appType()));
  }

  private boolean isHidden(String app) {
    return app != null && hidden.contains(app);
  }
}
