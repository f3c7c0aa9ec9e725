package dci.actors.peerlet;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.envelope.Envelope;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The small API a peerlet gets instead of the network: it never sees addresses, routers or
 * Artery. Every call hands an envelope to the blade's router, which journals and delivers it.
 * Envelopes sent through it carry this instance as their sender.
 */
public interface PeerletApi {
  /** The blade this instance runs on. */
  String blade();

  /** This instance's app type. */
  String appType();

  /** This instance's GUID ({@code default} for the app's default instance). */
  String instance();

  /** Tells the manager this instance is ready: messages queued for it are delivered now. */
  void ready();

  /** Sends {@code payload} to the same app type and instance on one blade. */
  void send(String blade, JsonNode payload);

  /** Sends {@code payload} to another app type / instance on one blade. */
  void send(String blade, String appType, String instance, JsonNode payload);

  /** Replies to {@code original}: goes back to its sender, correlated to it. */
  void reply(Envelope original, JsonNode payload);

  /** Sends {@code payload} to the same app type and instance on each of {@code blades}. */
  void multicast(List<String> blades, JsonNode payload);

  /**
   * Sends {@code payload} to the same app type and instance on every Up blade with role
   * {@code role}, as the directory lists them when the router takes the envelope (this blade too,
   * if it has the role). With no such blade the envelope is logged as undeliverable and this
   * instance gets an Undeliverable notice saying so.
   */
  void multicastToRole(String role, JsonNode payload);

  /** Sends {@code payload} to the same app type and instance on every Up blade but this one. */
  void broadcast(JsonNode payload);

  /**
   * The bytes of state this instance may keep ({@code dci.peerlets.instance-budget}): before it
   * keeps what an envelope brings, a peerlet checks it (see {@link InstanceBudget}) and refuses
   * the envelope rather than go over.
   */
  long budget();

  /**
   * Refuses {@code envelope}: it is logged as undeliverable and its sender gets an Undeliverable
   * notice with {@code reason}, as for a full queue. The peerlet keeps its state as it was.
   */
  void refuse(Envelope envelope, String reason);

  /**
   * The executor for blocking work (files, processes); results come back to the peerlet
   * through {@code context.pipeToSelf}, never by touching its state from another thread.
   */
  Executor blockingIo();
}
