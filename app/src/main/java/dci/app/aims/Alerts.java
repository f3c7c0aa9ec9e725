package dci.app.aims;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.actors.log.Direction;
import dci.actors.log.MessageLog;
import dci.hardware.ReplicatedMap;
import dci.protocol.Json;
import dci.protocol.aims.Alert;
import dci.protocol.aims.AlertRule;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raising and clearing alerts: the alert in force goes into the replicated map every blade
 * answers {@code dci aims alerts} from; each change is an envelope of app {@value #APP} in the
 * blade's message log ({@code dci log --app aims-alert}); and it is sent to the rule's webhook
 * (a JSON POST) and command (the JSON on its stdin), off the actor threads.
 */
final class Alerts {
  static final String APP = "aims-alert";
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  private final ActorSystem<?> system;
  private final ReplicatedMap<Alert> inForce;
  private final ActorRef<MessageLog.Command> log;
  private final Executor io;
  private final Clock clock;

  Alerts(ActorSystem<?> system, ReplicatedMap<Alert> inForce, ActorRef<MessageLog.Command> log, Executor io,
      Clock clock) {
    this.system = system;
    this.inForce = inForce;
    this.log = log;
    this.io = io;
    this.clock = clock;
  }

  ReplicatedMap<Alert> inForce() {
    return inForce;
  }

  void raise(AlertRule rule, String blade, double value, java.time.Instant at) {
    Alert a = new Alert(rule.name(), blade, rule.metric(), value, Alerter.message(rule, blade, value), at);
    inForce.put(Alerter.key(rule, blade), a);
    changed("raised", a, rule.webhook(), rule.command());
  }

  void clear(AlertRule rule, String blade, String why) {
    inForce.remove(Alerter.key(rule, blade));
    changed("cleared", new Alert(rule.name(), blade, rule.metric(), 0, blade + ": " + rule.name() + " cleared: " + why,
        clock.instant()), rule.webhook(), rule.command());
  }

  /** An alert raised by something other than a rule (the virus scanner), in force until cleared by hand. */
  void raise(String key, Alert a) {
    inForce.put(key, a);
    changed("raised", a, null, null);
  }

  /** Clears the alert at {@code key} by hand (an operator's acknowledgement). */
  CompletableFuture<Boolean> clear(String key, String by) {
    return inForce.all().thenCompose(all -> {
      Alert a = all.get(key);
      if (a == null) {
        return CompletableFuture.completedFuture(false);
      }
      return inForce.remove(key).thenApply(done -> {
        changed("cleared", new Alert(a.rule(), a.blade(), a.metric(), a.value(), a.message() + " (cleared by " + by + ")",
            clock.instant()), null, null);
        return true;
      });
    }).toCompletableFuture();
  }

  private void changed(String state, Alert a, String webhook, String command) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("state", state).put("rule", a.rule())
        .put("blade", a.blade()).put("metric", a.metric()).put("value", a.value()).put("message", a.message())
        .put("at", a.raisedAt().toString());
    Envelope e = new Envelope(UUID.randomUUID(), APP, a.rule(), new Sender(a.blade(), APP, a.rule()),
        Recipients.blade(a.blade()), 0, 0, clock.instant(), null, null, payload);
    log.tell(new MessageLog.Append(Direction.SENT, e, "alert " + state));
    byte[] json = Json.bytes(payload);
    if (webhook != null) {
      Http.get(system).singleRequest(HttpRequest.POST(webhook).withEntity(ContentTypes.APPLICATION_JSON, json))
          .whenComplete((rsp, err) -> {
            if (err != null) {
              LOG.warn("alert webhook {} failed: {}", webhook, err.getMessage());
            } else {
              rsp.discardEntityBytes(system);
              if (rsp.status().intValue() >= 300) {
                LOG.warn("alert webhook {} answered {}", webhook, rsp.status());
              }
            }
          });
    }
    if (command != null) {
      CompletableFuture.runAsync(() -> {
        var r = HostCommand.run(List.of("/bin/sh", "-c", command), Duration.ofSeconds(60), 64 * 1024, json,
            Map.of("DCI_ALERT_STATE", state, "DCI_ALERT_RULE", a.rule(), "DCI_ALERT_BLADE", a.blade()));
        if (!r.ok()) {
          LOG.warn("alert command of rule {} ended with {}: {}", a.rule(), r.exit(), r.err().strip());
        }
      }, io);
    }
  }
}
