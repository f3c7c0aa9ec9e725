package dci.app.peerlets;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.peerlet.PeerletApi;
import dci.protocol.envelope.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A test double of {@link PeerletApi} for unit tests of one peerlet instance: instead of
 * handing envelopes to a router it records every call (thread-safe: the peerlet calls it from
 * its actor's thread, the test reads it from its own).
 */
final class RecordingPeerletApi implements PeerletApi {

  enum Kind { SEND, REPLY, MULTICAST, ROLE_MULTICAST, BROADCAST, REFUSE }

  /**
   * One call the peerlet made.
   *
   * @param kind which API method
   * @param blades target blades (one for SEND; the list for MULTICAST; empty for REPLY, BROADCAST)
   * @param appType target app type (SEND), else this instance's
   * @param instance target instance (SEND), else this instance's
   * @param original the envelope replied to (REPLY) or refused (REFUSE), else null
   * @param payload what was sent (REFUSE: the reason, as text)
   */
  record Call(Kind kind, List<String> blades, String appType, String instance, Envelope original, JsonNode payload) {}

  private final String blade;
  private final String appType;
  private final String instance;
  private final AtomicInteger ready = new AtomicInteger();
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

  private final long budget;

  RecordingPeerletApi(String blade, String appType, String instance) {
    this(blade, appType, instance, 4 << 20);
  }

  RecordingPeerletApi(String blade, String appType, String instance, long budget) {
    this.blade = blade;
    this.appType = appType;
    this.instance = instance;
    this.budget = budget;
  }

  @Override
  public String blade() {
    return blade;
  }

  @Override
  public String appType() {
    return appType;
  }

  @Override
  public String instance() {
    return instance;
  }

  @Override
  public void ready() {
    ready.incrementAndGet();
  }

  @Override
  public void send(String toBlade, JsonNode payload) {
    send(toBlade, appType, instance, payload);
  }

  @Override
  public void send(String toBlade, String toApp, String toInstance, JsonNode payload) {
    calls.add(new Call(Kind.SEND, List.of(toBlade), toApp, toInstance, null, payload));
  }

  @Override
  public void reply(Envelope original, JsonNode payload) {
    calls.add(new Call(Kind.REPLY, List.of(), appType, instance, original, payload));
  }

  @Override
  public void multicast(List<String> blades, JsonNode payload) {
    calls.add(new Call(Kind.MULTICAST, List.copyOf(blades), appType, instance, null, payload));
  }

  @Override
  public void multicastToRole(String role, JsonNode payload) {
    calls.add(new Call(Kind.ROLE_MULTICAST, List.of("role:" + role), appType, instance, null, payload));
  }

  @Override
  public void broadcast(JsonNode payload) {
    calls.add(new Call(Kind.BROADCAST, List.of(), appType, instance, null, payload));
  }

  @Override
  public long budget() {
    return budget;
  }

  @Override
  public void refuse(Envelope envelope, String reason) {
    calls.add(new Call(Kind.REFUSE, List.of(), appType, instance, envelope,
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(reason)));
  }

  @Override
  public Executor blockingIo() {
    return Runnable::run;
  }

  /** How many times the instance said it is ready. */
  int readyCalls() {
    return ready.get();
  }

  /** A snapshot of the calls so far, in order. */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(Kind kind) {
    return calls.stream().filter(c -> c.kind() == kind).toList();
  }

  /** The reply to {@code original}, waiting up to {@code timeout} for the peerlet to make it. */
  JsonNode replyTo(Envelope original, Duration timeout) {
    return await(c -> c.kind() == Kind.REPLY && c.original() == original, timeout).payload();
  }

  /** The first call matching {@code which}, waiting up to {@code timeout} for it. */
  Call await(Predicate<Call> which, Duration timeout) {
    try {
      return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
          .until(() -> calls.stream().filter(which).findFirst(), Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no matching call within " + timeout + "; calls: " + calls, e);
    }
  }
}
