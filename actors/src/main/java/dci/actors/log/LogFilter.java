package dci.actors.log;

import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;

/** Whether a log entry matches a {@link LogQuery}. Pure. */
final class LogFilter {
  private LogFilter() {}

  static boolean matches(LogQuery q, LogEntry entry) {
    Envelope e = entry.envelope();
    if (q.appType() != null && !q.appType().equals(e.appType())) {
      return false;
    }
    if (q.sender() != null && (e.sender() == null || !q.sender().equals(e.sender().blade()))) {
      return false;
    }
    if (q.receiver() != null && !isFor(q.receiver(), entry)) {
      return false;
    }
    if (q.since() != null && entry.at().isBefore(q.since())) {
      return false;
    }
    if (q.until() != null && !entry.at().isBefore(q.until())) {
      return false;
    }
    return q.envelopeId() == null || q.envelopeId().equals(e.id()) || q.envelopeId().equals(e.correlationId())
        || q.envelopeId().equals(e.replayOf());
  }

  private static boolean isFor(String blade, LogEntry entry) {
    Recipients to = entry.envelope().to();
    if (to == null || to.mode() == null) {
      return false;
    }
    return switch (to.mode()) {
      case BLADE, MULTICAST -> to.blades().contains(blade);
      case ALL, ANY, ROLE -> entry.direction() == Direction.RECEIVED && blade.equals(entry.blade());
    };
  }
}
