package dci.actors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The one client between blades tells a blade that is gone (nothing listens: refused) from one
 * that is slow (it listens but does not answer), which the fail-over's health probe relies on.
 */
class PeerHttpTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private final PeerHttp peers = new PeerHttp(KIT.system(), () -> CompletableFuture.completedFuture("t"));

  @AfterAll
  static void shutDown() {
    KIT.shutdownTestKit();
  }

  private Throwable failure(int port) throws Exception {
    return peers.sendOnce(HttpRequest.GET("http://127.0.0.1:" + port + "/api/health"), Duration.ofSeconds(1),
            Duration.ofSeconds(2)).handle((rsp, err) -> err).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPortNothingListensOnIsRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Throwable err = failure(port);
    assertThat(err).isNotNull();
    assertThat(PeerHttp.refused(err)).as("refused: " + err).isTrue();
  }

  @Test
  void aBladeThatListensButDoesNotAnswerIsNotRefused() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      Throwable err = failure(s.getLocalPort()); // accepted by the backlog, never answered
      assertThat(err).isNotNull();
      assertThat(PeerHttp.refused(err)).as("not refused: " + err).isFalse();
    }
  }
}
