package dci.app.peerlets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dci.actors.peerlet.PeerletMessage;
import dci.actors.peerlet.PeerletType;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Unit-test stand-in for the runtime around one peerlet type: the instances of several
 * "blades" in one ActorTestKit, each with a {@link RecordingPeerletApi}, started on first use
 * per (blade, GUID) as the peerlet manager would. Nothing routes by itself: {@link #ask}
 * delivers an operator's envelope, waits for the instance's reply, then hands the multicasts
 * that instance made meanwhile to the listed blades' instances of the same GUID. Relayed copies
 * are delivered once and never routed on, so a peerlet that re-forwarded them shows up as an
 * extra MULTICAST call on the receiving instance.
 */
final class HandRoutedBlades {
  static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger BENCHES = new AtomicInteger();

  /** One instance: where it runs, its API double, its actor, how many of its multicasts were routed. */
  static final class Instance {
    final String blade;
    final String guid;
    final RecordingPeerletApi api;
    final ActorRef<PeerletMessage> ref;
    int routed;

    Instance(String blade, String guid, RecordingPeerletApi api, ActorRef<PeerletMessage> ref) {
      this.blade = blade;
      this.guid = guid;
      this.api = api;
      this.ref = ref;
    }
  }

  private final ActorTestKit kit;
  private final PeerletType type;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  /** Tells apart the actors of several benches in one kit (actor names must be unique). */
  private final int bench = BENCHES.incrementAndGet();

  private final long budget;

  HandRoutedBlades(ActorTestKit kit, PeerletType type) {
    this(kit, type, 4 << 20);
  }

  /** As above, each instance with a state budget of {@code budget} bytes. */
  HandRoutedBlades(ActorTestKit kit, PeerletType type, long budget) {
    this.kit = kit;
    this.type = type;
    this.budget = budget;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An envelope as an operator's API call on {@code blade} makes it: the sender has no app type. */
  static Envelope fromApi(String appType, String blade, String guid, JsonNode payload) {
    return new Envelope(UUID.randomUUID(), appType, guid, new Sender(blade, null, null), Recipients.blade(blade),
        Envelope.DEFAULT_TTL, 0, Instant.now(), null, null, payload);
  }

  /** The instance of {@code guid} on {@code blade}, started (as the manager would) if it is not running. */
  Instance instance(String blade, String guid) {
    return instances.computeIfAbsent(blade + "/" + guid, k -> {
      RecordingPeerletApi api = new RecordingPeerletApi(blade, type.appType(), guid, budget);
      ActorRef<PeerletMessage> ref = kit.spawn(Behaviors.setup(c -> type.factory().apply(api)),
          bench + "-" + blade + "-" + type.appType() + "~" + guid);
      return new Instance(blade, guid, api, ref);
    });
  }

  /** True if an instance of {@code guid} was ever started on {@code blade}. */
  boolean runs(String blade, String guid) {
    return instances.containsKey(blade + "/" + guid);
  }

  /** GUIDs with an instance on {@code blade}. */
  TreeSet<String> guidsOn(String blade) {
    TreeSet<String> out = new TreeSet<>();
    instances.values().stream().filter(i -> i.blade.equals(blade)).forEach(i -> out.add(i.guid));
    return out;
  }

  /** Sends {@code payload} from the API on {@code blade} to its {@code guid} instance; routes what it relayed; returns the reply. */
  JsonNode ask(String blade, String guid, String payload) {
    Instance i = instance(blade, guid);
    Envelope e = fromApi(type.appType(), blade, guid, json(payload));
    i.ref.tell(new PeerletMessage.Incoming(e));
    JsonNode reply = i.api.replyTo(e, WAIT);
    route(i);
    return reply;
  }

  /**
   * Sends {@code payload} from the API on {@code blade} to its {@code guid} instance and waits
   * until the instance has either answered it or refused it; routes what it relayed; returns that
   * call (REPLY or REFUSE).
   */
  RecordingPeerletApi.Call outcome(String blade, String guid, String payload) {
    Instance i = instance(blade, guid);
    Envelope e = fromApi(type.appType(), blade, guid, json(payload));
    i.ref.tell(new PeerletMessage.Incoming(e));
    RecordingPeerletApi.Call c = i.api.await(call -> call.original() == e
        && (call.kind() == RecordingPeerletApi.Kind.REPLY || call.kind() == RecordingPeerletApi.Kind.REFUSE), WAIT);
    route(i);
    return c;
  }

  /** Delivers the multicasts {@code from} made since last routed to the same GUID on each listed blade. */
  void route(Instance from) {
    List<RecordingPeerletApi.Call> multicasts = from.api.calls(RecordingPeerletApi.Kind.MULTICAST);
    for (RecordingPeerletApi.Call call : multicasts.subList(from.routed, multicasts.size())) {
      for (String target : call.blades()) {
        Envelope copy = new Envelope(UUID.randomUUID(), type.appType(), from.guid,
            new Sender(from.blade, type.appType(), from.guid), Recipients.multicast(call.blades()),
            Envelope.DEFAULT_TTL - 1, 1, Instant.now(), null, null, call.payload());
        instance(target, from.guid).ref.tell(new PeerletMessage.Incoming(copy));
      }
    }
    from.routed = multicasts.size();
  }
}
