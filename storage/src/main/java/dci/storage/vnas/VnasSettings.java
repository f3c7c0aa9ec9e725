package dci.storage.vnas;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The volume's settings, from {@code dci.vnas} and {@code dci.storage.contribute}.
 *
 * @param contribute bytes of this blade's disk given to the volume
 * @param stripeSize default stripe size
 * @param replicas default replication factor r
 * @param rules per-folder overrides of stripe size and r (longest matching folder wins)
 * @param cacheSize bytes of the local cache of stripes read from other blades (0: off)
 * @param writeTimeout how long an index write may wait for a majority
 * @param transferTimeout how long one stripe transfer may take
 * @param publishInterval how often a store publishes its figures
 * @param keeperInterval how often the keeper checks replication, placement and garbage
 * @param gcGrace how old an unreferenced stripe must be before it is deleted
 * @param hotReads reads of one file through a blade after which that blade keeps a replica
 * @param maxPutParallelism stripes of one upload in flight at once
 * @param indexSettle how long membership must be quiet before a lookup this blade misses is
 *     answered "not found" without asking a majority (see {@link IndexQuiet})
 * @param readAheadBudget bytes of stripes all reads through this blade together may hold
 *     fetched ahead of the one each is sending (see {@link ReadAheadBudget})
 */
public record VnasSettings(long contribute, int stripeSize, int replicas, List<Rule> rules, long cacheSize,
    Duration writeTimeout, Duration transferTimeout, Duration publishInterval, Duration keeperInterval,
    Duration gcGrace, int hotReads, int maxPutParallelism, Duration indexSettle, long readAheadBudget) {

  /** A folder's own stripe size and replication factor. */
  public record Rule(VnasPath folder, int stripeSize, int replicas) {}

  /** The largest stripe a blade accepts from another (see /internal/stripes). */
  public static final long MAX_STRIPE = 64L * 1024 * 1024;

  public VnasSettings {
    checkRule("dci.vnas", stripeSize, replicas);
    if (readAheadBudget < 0) {
      throw new IllegalArgumentException("dci.vnas.read-ahead-budget must not be negative");
    }
    rules.forEach(r -> checkRule("dci.vnas.rules " + r.folder(), r.stripeSize(), r.replicas()));
    rules = rules.stream().sorted(Comparator.comparingInt((Rule r) -> -r.folder().segments().size())).toList();
  }

  public static VnasSettings fromConfig(Config config) {
    Config v = config.getConfig("dci.vnas");
    int stripe = (int) Math.min(Integer.MAX_VALUE, v.getBytes("stripe-size"));
    int r = v.getInt("replicas");
    List<Rule> rules = new ArrayList<>();
    for (Config c : v.getConfigList("rules")) {
      rules.add(new Rule(VnasPath.parse(c.getString("path")),
          c.hasPath("stripe-size") ? (int) c.getBytes("stripe-size").longValue() : stripe,
          c.hasPath("replicas") ? c.getInt("replicas") : r));
    }
    return new VnasSettings(config.getBytes("dci.storage.contribute"), stripe, r, rules,
        v.getBytes("cache-size"), v.getDuration("write-timeout"), v.getDuration("transfer-timeout"),
        v.getDuration("publish-interval"), v.getDuration("keeper-interval"), v.getDuration("gc-grace"),
        v.getInt("hot-reads"), v.getInt("put-parallelism"), v.getDuration("index-settle"),
        v.getBytes("read-ahead-budget"));
  }

  private static void checkRule(String where, int stripeSize, int replicas) {
    if (stripeSize <= 0 || stripeSize > MAX_STRIPE) {
      throw new IllegalArgumentException(where + ": stripe-size must be between 1 byte and 64 MiB");
    }
    if (replicas < 1) {
      throw new IllegalArgumentException(where + ": replicas must be at least 1");
    }
  }

  /**
   * These settings with the cluster's rules on top: a cluster rule replaces this blade's own
   * rule for the same folder; the deepest folder rule above a file still wins.
   */
  public VnasSettings withRules(java.util.Collection<VnasRule> cluster) {
    if (cluster.isEmpty()) {
      return this;
    }
    java.util.Map<VnasPath, Rule> byFolder = new java.util.HashMap<>();
    rules.forEach(r -> byFolder.put(r.folder(), r));
    cluster.forEach(r -> byFolder.put(VnasPath.parse(r.folder()),
        new Rule(VnasPath.parse(r.folder()), r.stripeSize() > 0 ? (int) r.stripeSize() : stripeSize, r.replicas())));
    return new VnasSettings(contribute, stripeSize, replicas, new ArrayList<>(byFolder.values()), cacheSize,
        writeTimeout, transferTimeout, publishInterval, keeperInterval, gcGrace, hotReads, maxPutParallelism,
        indexSettle, readAheadBudget);
  }

  /** The rule for a file at {@code path}: the deepest folder rule above it, else the defaults. */
  public Rule ruleFor(VnasPath path) {
    for (Rule rule : rules) {
      if (rule.folder().contains(path)) {
        return rule;
      }
    }
    return new Rule(VnasPath.ROOT, stripeSize, replicas);
  }
}
