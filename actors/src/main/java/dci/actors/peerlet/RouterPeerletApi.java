package dci.actors.peerlet;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.router.Router;
import dci.actors.router.Undeliverable;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;

/** The {@link PeerletApi} of one instance: every call is a tell to the blade's router. */
final class RouterPeerletApi implements PeerletApi {
  private final ActorRef<Router.Command> router;
  private final Runnable onReady;
  private final Sender me;
  private final Executor blockingIo;
  private final long budget;

  RouterPeerletApi(ActorRef<Router.Command> router, Runnable onReady, Sender me, Executor blockingIo, long budget) {
    this.router = router;
    this.onReady = onReady;
    this.me = me;
    this.blockingIo = blockingIo;
    this.budget = budget;
  }

  @Override
  public String blade() {
    return me.blade();
  }

  @Override
  public String appType() {
    return me.appType();
  }

  @Override
  public String instance() {
    return me.instance();
  }

  @Override
  public void ready() {
    onReady.run();
  }

  @Override
  public void send(String blade, JsonNode payload) {
    send(blade, me.appType(), me.instance(), payload);
  }

  @Override
  public void send(String blade, String appType, String instance, JsonNode payload) {
    tell(new Envelope(null, appType, instance, me, Recipients.blade(blade), null, null, null, null, null, payload));
  }

  @Override
  public void reply(Envelope original, JsonNode payload) {
    tell(Undeliverable.Replies.to(original, me, payload, Instant.now()));
  }

  @Override
  public void multicast(List<String> blades, JsonNode payload) {
    tell(new Envelope(null, me.appType(), me.instance(), me, Recipients.multicast(blades), null, null, null, null,
        null, payload));
  }

  @Override
  public void multicastToRole(String role, JsonNode payload) {
    tell(new Envelope(null, me.appType(), me.instance(), me, Recipients.role(role), null, null, null, null, null,
        payload));
  }

  @Override
  public void broadcast(JsonNode payload) {
    tell(new Envelope(null, me.appType(), me.instance(), me, Recipients.all(), null, null, null, null, null, payload));
  }

  @Override
  public long budget() {
    return budget;
  }

  @Override
  public void refuse(Envelope envelope, String reason) {
    router.tell(new Router.Undeliver(envelope, reason));
  }

  @Override
  public Executor blockingIo() {
    return blockingIo;
  }

  private void tell(Envelope e) {
    router.tell(new Router.Send(e, null, null));
  }
}
