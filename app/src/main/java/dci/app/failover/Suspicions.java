package dci.app.failover;

import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The coordinator's suspects and their confirmation. A blade is suspected when the failure
 * detector marks it unreachable or a desk cannot reach it; a second opinion through another
 * channel ({@link HealthProbe}: nothing listens on its API port) confirms the loss, and then the
 * blade is downed at once and the coordinator starts its fail-over. A blade whose
 * API is not known yet, or that answers, is left to the split brain resolver.
 */
final class Suspicions {
  /** The probe of {@code blade} answered: {@code lost} says why it is gone, or is null. */
  record Probed(String blade, String lost, String why) implements Coordinator.Command {}

  private final ActorContext<Coordinator.Command> ctx;
  private final FailoverContext fx;
  private final HealthProbe probe;
  private final Set<String> suspects = new HashSet<>();
  private final Map<String, Long> probing = new HashMap<>();

  Suspicions(ActorContext<Coordinator.Command> ctx, FailoverContext fx) {
    this.ctx = ctx;
    this.fx = fx;
    this.probe = new HealthProbe(fx.settings().probeTimeout(), fx.peers());
  }

  /** The blades confirmed lost (and not Up again since). */
  Set<String> suspects() {
    return suspects;
  }

  /** {@code blade} is gone without a probe (Down or Removed). */
  void add(String blade) {
    suspects.add(blade);
  }

  /** Forgets the suspects that are Up again. */
  void clearUp(List<BladeInfo> blades) {
    for (BladeInfo b : blades) {
      if (b.status() == BladeStatus.Up && suspects.remove(b.name())) {
        ctx.getLog().info("{} is reachable again", b.name());
      }
    }
  }

  /** {@code blade} may be lost: probes it, unless it is confirmed already or was probed just now. */
  void suspect(String blade, String why, List<BladeInfo> blades) {
    if (suspects.contains(blade) || blade.equals(fx.blade())) {
      return;
    }
    Long last = probing.get(blade);
    if (last != null && System.nanoTime() - last < fx.settings().probeTimeout().toNanos() * 2) {
      return;
    }
    String api = blades.stream().filter(b -> b.name().equals(blade)).map(BladeInfo::api).filter(Objects::nonNull)
        .findFirst().orElse(null);
    if (api == null) {
      // a blade still starting has not published its API: no second opinion, so the resolver decides
      ctx.getLog().info("{} is suspected ({}) but its API is not known yet: left to the resolver", blade, why);
      return;
    }
    probing.put(blade, System.nanoTime());
    ctx.pipeToSelf(probe.lost(api), (lost, err) -> new Probed(blade, err != null ? null : lost, why));
  }

  /** Downs the blade if the probe confirmed it lost, and answers the cause of its fail-over; else null. */
  String onProbed(Probed m, List<BladeInfo> blades) {
    if (m.lost() == null) {
      ctx.getLog().info("{} is suspected ({}) but its health probe does not confirm it lost (it answers, or its port "
          + "is still open): left to the resolver", m.blade(), m.why());
      return null;
    }
    suspects.add(m.blade());
    fx.downing().accept(blades.stream().filter(b -> b.name().equals(m.blade())).findFirst().orElse(null));
    return m.why() + "; confirmed: " + m.lost();
  }
}
