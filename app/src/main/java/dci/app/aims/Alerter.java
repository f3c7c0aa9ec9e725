package dci.app.aims;

import dci.hardware.ReplicatedMap;
import dci.hardware.body.Reading;
import dci.protocol.aims.Alert;
import dci.protocol.aims.AlertRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * A blade's alert rules at work: it hears the cluster's rules and its own body readings pushed
 * (Distributed Data subscriptions, no polling), runs each new reading through every rule, and
 * raises or clears alerts ({@link Alerts}: the replicated map, the message log, the webhook and
 * command). A rule removed or changed clears what it had raised here.
 */
final class Alerter extends AbstractBehavior<Alerter.Command> {
  interface Command {}

  private record Heard(Replicator.SubscribeResponse<?> rsp) implements Command {}

  private final String blade;
  private final Alerts alerts;
  private final String healthKey;
  private final String rulesKey;
  private Map<String, AlertRule> rules = Map.of();
  private final Map<String, RuleState> states = new HashMap<>();
  private Instant lastReading = Instant.EPOCH;

  static Behavior<Command> create(String blade, ReplicatedMap<Reading> health, ReplicatedMap<AlertRule> rules,
      Alerts alerts) {
    return Behaviors.setup(ctx -> new Alerter(ctx, blade, health, rules, alerts));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Alerter(ActorContext<Command> ctx, String blade, ReplicatedMap<Reading> health,
      ReplicatedMap<AlertRule> rules, Alerts alerts) {
    super(ctx);
    this.blade = blade;
    this.alerts = alerts;
    this.healthKey = health.key().id();
    this.rulesKey = rules.key().id();
    // one adapter for both subscriptions (an actor has one adapter per message class): told apart by key
    var adapter = ctx.messageAdapter(Replicator.SubscribeResponse.class, r -> new Heard((Replicator.SubscribeResponse<?>) r));
    var replicator = DistributedData.get(ctx.getSystem()).replicator();
    replicator.tell(new Replicator.Subscribe(rules.key(), adapter));
    replicator.tell(new Replicator.Subscribe(health.key(), adapter));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Heard.class, this::onHeard).build();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onHeard(Heard h) {
    if (!(h.rsp() instanceof Replicator.Changed<?> c)) {
      return this;
    }
    String key = c.key().id();
    if (key.equals(rulesKey)) {
      onRules(((LWWMap<String, AlertRule>) c.dataValue()).getEntries());
    } else if (key.equals(healthKey)) {
      Reading r = ((LWWMap<String, Reading>) c.dataValue()).getEntries().get(blade);
      if (r != null && r.at().isAfter(lastReading)) {
        lastReading = r.at();
        onReading(r);
      }
    }
    return this;
  }

  private void onRules(Map<String, AlertRule> now) {
    for (var e : rules.entrySet()) {
      AlertRule after = now.get(e.getKey());
      if (after == null || !same(after, e.getValue())) {
        RuleState s = states.remove(e.getKey());
        if (s != null && s.raised()) {
          alerts.clear(e.getValue(), blade, after == null ? "rule removed" : "rule changed");
        }
      }
    }
    rules = Map.copyOf(now);
  }

  private static boolean same(AlertRule a, AlertRule b) {
    return a.metric().equals(b.metric()) && a.test().equals(b.test()) && a.limit() == b.limit()
        && a.forSamples() == b.forSamples();
  }

  private void onReading(Reading r) {
    Map<String, Double> values = BodyMetrics.of(r);
    for (AlertRule rule : rules.values()) {
      Double v = values.get(rule.metric());
      if (v == null) {
        continue;
      }
      RuleState s = states.computeIfAbsent(rule.name(), n -> new RuleState());
      switch (s.sample(rule, v)) {
        case RAISE -> alerts.raise(rule, blade, v, r.at());
        case CLEAR -> alerts.clear(rule, blade, String.format(java.util.Locale.ROOT, "%s is %.1f", rule.metric(), v));
        default -> { }
      }
    }
  }

  /** The line people read for a raised rule. */
  static String message(AlertRule rule, String blade, double value) {
    String test = switch (rule.test()) {
      case "over" -> "over " + fmt(rule.limit());
      case "under" -> "under " + fmt(rule.limit());
      default -> "rising";
    };
    return blade + ": " + rule.metric() + " " + fmt(value) + " " + test + " for " + Math.max(1, rule.forSamples())
        + " sample(s)";
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.2f", v);
  }

  /** The key of the alert {@code rule} raises on {@code blade}. */
  static String key(AlertRule rule, String blade) {
    return Alert.key(rule.name(), blade, null);
  }
}
