package dci.storage.vnas;

import dci.actors.BladeSettings;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** Which blades are Up and reachable, as this blade sees the cluster now. */
public final class LiveBlades {
  private final Cluster cluster;

  public LiveBlades(ActorSystem<?> system) {
    this.cluster = Cluster.get(system);
  }

  /** Names of the Up (or WeaklyUp) members this blade can reach. */
  public Set<String> up() {
    var state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    Set<String> out = new TreeSet<>();
    for (Member m : state.getMembers()) {
      if ((m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp()) && !unreachable.contains(m)) {
        BladeSettings.nameOf(m.getRoles()).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Names of every member, whatever its status (a blade not listed has left or was removed). */
  public Set<String> members() {
    Set<String> out = new TreeSet<>();
    for (Member m : cluster.state().getMembers()) {
      BladeSettings.nameOf(m.getRoles()).ifPresent(out::add);
    }
    return out;
  }
}
