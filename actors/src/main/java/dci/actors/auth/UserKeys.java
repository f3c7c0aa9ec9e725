package dci.actors.auth;

import dci.protocol.auth.PasswordHash;
import dci.protocol.auth.Role;
import dci.protocol.auth.UserRecord;
import java.util.Map;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The replicated keys behind {@link UserRegistry} and the pure updates applied to them.
 * A modify function that throws makes the Replicator answer ModifyFailure, which
 * {@link #outcome} turns into the caller's error.
 */
final class UserKeys {
  static final Key<LWWMap<String, UserRecord>> USERS = LWWMapKey.create("dci-users");
  static final Key<LWWRegister<String>> TOKEN_KEY = LWWRegisterKey.create("dci-token-key");
  static final Key<LWWMap<String, Long>> REVOKED = LWWMapKey.create("dci-revoked");

  private UserKeys() {}

  static Replicator.WriteConsistency majority(UserRegistry.Settings s) {
    return new Replicator.WriteMajority(s.writeTimeout());
  }

  static Replicator.ReadConsistency readMajority(UserRegistry.Settings s) {
    return new Replicator.ReadMajority(s.writeTimeout());
  }

  static LWWMap<String, UserRecord> putNew(LWWMap<String, UserRecord> map, SelfUniqueAddress node, UserRecord r) {
    if (map.contains(r.user())) {
      throw new Refused(UserRegistry.Failure.CONFLICT, "user '" + r.user() + "' already exists");
    }
    return map.put(node, r.user(), r);
  }

  static LWWMap<String, UserRecord> changePassword(
      LWWMap<String, UserRecord> map, SelfUniqueAddress node, String user, PasswordHash hash) {
    UserRecord current = map.getEntries().get(user);
    if (current == null) {
      throw new Refused(UserRegistry.Failure.NOT_FOUND, "no user '" + user + "'");
    }
    return map.put(node, user, current.withPassword(hash));
  }

  static LWWMap<String, UserRecord> remove(LWWMap<String, UserRecord> map, SelfUniqueAddress node, String user) {
    Map<String, UserRecord> all = map.getEntries();
    UserRecord current = all.get(user);
    if (current == null) {
      throw new Refused(UserRegistry.Failure.NOT_FOUND, "no user '" + user + "'");
    }
    long admins = all.values().stream().filter(u -> u.role() == Role.ADMIN).count();
    if (current.role() == Role.ADMIN && admins <= 1) {
      throw new Refused(UserRegistry.Failure.CONFLICT, "cannot remove the last admin");
    }
    return map.remove(node, user);
  }

  static LWWMap<String, Long> pruneExpired(LWWMap<String, Long> map, SelfUniqueAddress node, long nowEpochSecond) {
    LWWMap<String, Long> out = map;
    for (Map.Entry<String, Long> e : map.getEntries().entrySet()) {
      if (e.getValue() < nowEpochSecond) {
        out = out.remove(node, e.getKey());
      }
    }
    return out;
  }

  static UserRegistry.Result outcome(Replicator.UpdateResponse<?> rsp, String message) {
    if (rsp instanceof Replicator.UpdateSuccess<?>) {
      return new UserRegistry.Done(message);
    }
    if (rsp instanceof Replicator.UpdateTimeout<?>) {
      return new UserRegistry.Done(message + " (not yet confirmed by a majority of blades; it spreads as they answer)");
    }
    if (rsp instanceof Replicator.ModifyFailure<?> f && f.cause() instanceof Refused r) {
      return new UserRegistry.Failed(r.failure, r.getMessage());
    }
    return new UserRegistry.Failed(UserRegistry.Failure.UNAVAILABLE, "user table not updated: " + rsp);
  }

  /** A refused change, carried out of a modify function. */
  static final class Refused extends RuntimeException {
    final transient UserRegistry.Failure failure;

    Refused(UserRegistry.Failure failure, String message) {
      super(message, null, false, false);
      this.failure = failure;
    }
  }
}
