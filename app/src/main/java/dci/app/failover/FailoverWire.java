package dci.app.failover;

import dci.hardware.body.BladeBody;
import dci.hardware.body.Reading;
import dci.hardware.port.PortRoute;
import dci.protocol.failover.BodyReading;
import dci.protocol.failover.BodyView;
import dci.protocol.failover.FailoverStatus;
import dci.protocol.failover.FailoverView;
import dci.protocol.failover.PortView;
import dci.protocol.failover.TriggerAnswer;

/**
 * The fail-over's own records (stored in replicated maps or sent between blades under their class
 * names, so they stay where they are) as the API's wire contract ({@code dci.protocol.failover})
 * shows them.
 */
final class FailoverWire {
  private FailoverWire() {}

  static FailoverView failover(FailoverRecord r) {
    return new FailoverView(r.id(), r.failed(), r.cause(), r.method() == null ? null : r.method().name(),
        r.replacement(), r.users(), r.state(), r.coordinator(), r.started(), r.ended(),
        r.steps().stream().map(s -> new FailoverView.Step(s.at(), s.blade(), s.what())).toList());
  }

  static FailoverStatus status(Failover.Status s) {
    return new FailoverStatus(s.blade(), s.coordinator(), s.suspects(), s.freeSpares(),
        s.active() == null ? null : s.active().stream().map(FailoverWire::failover).toList());
  }

  static TriggerAnswer answer(Failover.Answer a) {
    return new TriggerAnswer(a.ok(), a.message(), a.record() == null ? null : failover(a.record()));
  }

  static PortView port(PortRoute p) {
    return p == null ? null : new PortView(p.user(), p.port(), p.blade(), p.since(), p.reason());
  }

  static BodyView body(BladeBody.BodyState b) {
    return new BodyView(b.blade(), b.cage(), b.faults(), b.reading() == null ? null : reading(b.reading()));
  }

  static BodyReading reading(Reading r) {
    return new BodyReading(r.blade(), r.cage(), r.at(), r.cpuLoad(), r.memoryUsed(), r.memoryTotal(), r.diskFree(),
        r.diskTotal(), r.diskReadBytes(), r.diskWriteBytes(), r.temperature(), r.probeMillis(), r.diskErrorRate(),
        r.faults(), r.condition() == null ? null : r.condition().name(), r.reasons(), r.swapUsed(), r.swapTotal(),
        r.netInBytes(), r.netOutBytes());
  }
}
