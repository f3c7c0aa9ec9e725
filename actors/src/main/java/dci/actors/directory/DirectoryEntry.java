package dci.actors.directory;

import dci.actors.BladeSettings;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStats;
import dci.protocol.BladeStatus;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * What the directory knows of one member: the latest {@link Member}, whether the failure
 * detector reaches it, and, once it left the cluster, how it left.
 */
record DirectoryEntry(Member member, boolean unreachable, BladeStatus departed, Instant seenUpAt) {

  static DirectoryEntry of(Member member) {
    return new DirectoryEntry(member, false, null, null);
  }

  DirectoryEntry withMember(Member m) {
    return new DirectoryEntry(m, unreachable, departed, seenUpAt);
  }

  DirectoryEntry withUnreachable(boolean u) {
    return new DirectoryEntry(member, u, departed, seenUpAt);
  }

  DirectoryEntry departedAs(BladeStatus how) {
    return new DirectoryEntry(member, unreachable, how, seenUpAt);
  }

  DirectoryEntry seenUp(Instant at) {
    return seenUpAt != null ? this : new DirectoryEntry(member, unreachable, departed, at);
  }

  String address() {
    return member.address().host().get() + ":" + member.address().port().get();
  }

  BladeStatus status() {
    if (departed != null) {
      return departed;
    }
    MemberStatus s = member.status();
    if (unreachable && s != MemberStatus.down() && s != MemberStatus.removed()) {
      return BladeStatus.Unreachable;
    }
    return Statuses.of(s);
  }

  String name() {
    for (String role : member.getRoles()) {
      if (role.startsWith(BladeSettings.NAME_ROLE_PREFIX)) {
        return role.substring(BladeSettings.NAME_ROLE_PREFIX.length());
      }
    }
    return address();
  }

  List<String> operatorRoles() {
    return member.getRoles().stream()
        // the blade's own: its name, its features' roles (Feature.clusterRoles), its data center
        .filter(r -> !r.startsWith("dci-") && !r.startsWith("dc-"))
        .sorted()
        .toList();
  }

  BladeInfo toInfo(BladeStats stats) {
    Instant upSince = seenUpAt;
    if (stats != null && stats.upSinceEpochMillis() > 0) {
      upSince = Instant.ofEpochMilli(stats.upSinceEpochMillis());
    }
    return new BladeInfo(
        name(),
        address(),
        status(),
        member.dataCenter(),
        operatorRoles(),
        stats == null ? -1 : stats.freeBytes(),
        stats == null ? -1 : stats.totalBytes(),
        upSince,
        stats == null ? null : stats.api(),
        stats == null ? List.of() : stats.warnings(),
        stats == null ? null : stats.log());
  }
}
