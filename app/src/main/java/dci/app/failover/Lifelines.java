package dci.app.failover;

import dci.actors.http.PeerHttp;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The watching end of the lifelines, kept by a blade's fail-over agent: one open {@link Lifeline}
 * to each of the next {@link #WATCHED} blades after this one (by name, among the Up blades running
 * fail-over), so every blade is watched by two others. A lifeline that ends without the blade's
 * bye makes the agent suspect it; the coordinator's
 * probe then confirms the loss (nothing listens on its API port) and downs it at once. A
 * process killed with SIGKILL is so seen within milliseconds, while the failure detector may
 * wait out a loaded machine's pauses ({@code acceptable-heartbeat-pause}) without downing
 * anything. A connection that cannot be opened (refused, a timeout, an answer but 200) suspects
 * nothing and is tried again later, waiting twice as long each time, or at once when the blade's
 * API changes (a blade started again publishes its new one).
 */
final class Lifelines {
  /** A lifeline ended (or never opened): {@code last} is the last line it read. */
  record Ended(String blade, long line, boolean opened, String last, Throwable error) implements Failover.Command {}

  /** Time to open {@code blade}'s lifeline again. */
  record Reopen(String blade) implements Failover.Command {}

  static final int WATCHED = 2;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);
  private static final ByteString CUT = ByteString.fromString("cut\n");

  private record Line(String api, long id, CompletableFuture<Done> cut) {}

  private record Outcome(boolean opened, String last, Throwable error) {}

  private final ActorContext<Failover.Command> ctx;
  private final TimerScheduler<Failover.Command> timers;
  private final PeerHttp peers;
  private final String self;
  private final Map<String, Line> lines = new HashMap<>();
  private final Map<String, Duration> retry = new HashMap<>();
  /** Blades whose lifeline ended, waiting to be opened again: the API they were tried at. */
  private final Map<String, String> waiting = new HashMap<>();
  private long next;

  Lifelines(ActorContext<Failover.Command> ctx, TimerScheduler<Failover.Command> timers, PeerHttp peers,
      String self) {
    this.ctx = ctx;
    this.timers = timers;
    this.peers = peers;
    this.self = self;
  }

  /**
   * The blades {@code self} watches: the next {@link #WATCHED} after it, by name, in a ring of
   * the Up blades with an API whose cluster address is in {@code failover} (they run fail-over).
   */
  static List<String> watched(String self, List<BladeInfo> blades, Set<String> failover) {
    TreeSet<String> ring = new TreeSet<>();
    for (BladeInfo b : blades) {
      if (b.status() == BladeStatus.Up && b.api() != null && failover.contains(b.address())) {
        ring.add(b.name());
      }
    }
    ring.remove(self);
    List<String> out = new ArrayList<>();
    for (String name : ring.tailSet(self, false)) {
      if (out.size() < WATCHED) {
        out.add(name);
      }
    }
    for (String name : ring.headSet(self, false)) {
      if (out.size() < WATCHED) {
        out.add(name);
      }
    }
    return out;
  }

  /** Opens and cuts lifelines so that exactly the watched blades have one. */
  void follow(List<BladeInfo> blades) {
    List<String> targets = watched(self, blades, runningFailover());
    for (String blade : List.copyOf(lines.keySet())) {
      String api = apiOf(blade, blades);
      if (!targets.contains(blade) || !lines.get(blade).api().equals(api)) {
        lines.remove(blade).cut().complete(Done.getInstance());
      }
    }
    waiting.keySet().retainAll(targets);
    waiting.entrySet().removeIf(w -> !w.getValue().equals(apiOf(w.getKey(), blades)));
    retry.keySet().retainAll(targets);
    for (String blade : targets) {
      if (!lines.containsKey(blade) && !waiting.containsKey(blade)) {
        open(blade, apiOf(blade, blades));
      }
    }
  }

  /**
   * A lifeline ended: answers why its blade is suspected (an open line broken without a bye), or
   * null (a bye, a line this agent cut, a connection that was never opened). Opens it again later.
   */
  String ended(Ended m) {
    Line line = lines.get(m.blade());
    if (line == null || line.id() != m.line()) {
      return null; // cut here, or replaced by a newer line
    }
    lines.remove(m.blade());
    waiting.put(m.blade(), line.api());
    boolean bye = m.last() != null && m.last().equals("bye");
    Duration wait = m.opened() ? FIRST_RETRY
        : retry.getOrDefault(m.blade(), FIRST_RETRY.dividedBy(2)).multipliedBy(2);
    wait = wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    retry.put(m.blade(), wait);
    timers.startSingleTimer("lifeline-" + m.blade(), new Reopen(m.blade()), wait);
    if (bye) {
      return null;
    }
    if (m.opened()) {
      return "its lifeline connection closed without a bye" + (m.error() == null ? "" : " (" + why(m.error()) + ")");
    }
    // Not even a refusal: a blade started again under its name is Up before its new API is
    // published, and the directory still gives the old one, where nothing listens. Suspected, the
    // probe of that old address would confirm "lost" and down the new incarnation.
    ctx.getLog().debug("no lifeline to {} ({}): trying again in {}", m.blade(), why(m.error()), wait);
    return null;
  }

  /** The wait before reopening {@code blade}'s lifeline is over. */
  void reopen(Reopen m, List<BladeInfo> blades) {
    if (waiting.remove(m.blade()) == null) {
      return; // opened again already (its API changed)
    }
    follow(blades);
  }

  private void open(String blade, String api) {
    long id = ++next;
    CompletableFuture<Done> cut = new CompletableFuture<>();
    lines.put(blade, new Line(api, id, cut));
    ctx.pipeToSelf(run(api, cut), (o, err) -> o != null ? new Ended(blade, id, o.opened(), o.last(), o.error())
        : new Ended(blade, id, false, null, err));
  }

  private CompletionStage<Outcome> run(String api, CompletableFuture<Done> cut) {
    var system = peers.system();
    return peers.callAlone(api, HttpRequest.GET(Lifeline.PATH)).thenCompose(rsp -> {
      if (rsp.status().intValue() != 200) {
        rsp.discardEntityBytes(system);
        return CompletableFuture.completedFuture(new Outcome(false, null,
            new IllegalStateException("answered " + rsp.status().intValue())));
      }
      return rsp.entity().getDataBytes().merge(Source.completionStage(cut).map(d -> CUT), true)
          .runFold("", (last, bytes) -> {
            String s = bytes.utf8String().strip();
            return s.isEmpty() ? last : s.substring(s.lastIndexOf('\n') + 1);
          }, system)
          .handle((last, err) -> new Outcome(true, last, err));
    }).handle((o, err) -> o != null ? o : new Outcome(false, null, err));
  }

  /** The cluster addresses ({@code host:port}) of the members with the fail-over role (not in the directory's rows). */
  private Set<String> runningFailover() {
    Set<String> out = new HashSet<>();
    for (var m : Cluster.get(ctx.getSystem()).state().getMembers()) {
      if (m.hasRole(FailoverFeature.ROLE) && m.address().host().isDefined() && m.address().port().isDefined()) {
        out.add(m.address().host().get() + ":" + m.address().port().get());
      }
    }
    return out;
  }

  private static String apiOf(String blade, List<BladeInfo> blades) {
    return blades.stream().filter(b -> b.name().equals(blade)).map(BladeInfo::api)
        .filter(java.util.Objects::nonNull).findFirst().orElse("");
  }

  private static String why(Throwable e) {
    Throwable t = e;
    while (t != null && t.getCause() != null && t.getCause() != t
        && (t instanceof java.util.concurrent.CompletionException || t.getMessage() == null)) {
      t = t.getCause();
    }
    return t == null ? "" : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
