package dci.actors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A stopping blade's last resort: every TCP connection it holds is closed; its listeners stay. */
class LingeringConnectionsTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyOpenConnectionOfTheSystemIsAbortedAndItsListenersStayBound() throws Exception {
    var bound = Tcp.get(kit.system()).bind("127.0.0.1", 0)
        .to(Sink.foreach(c -> c.handleWith(org.apache.pekko.stream.javadsl.Flow.create(), kit.system())))
        .run(kit.system()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    try (ServerSocket peer = new ServerSocket()) {
      peer.bind(new InetSocketAddress("127.0.0.1", 0));
      // a connection the system holds open, as a stuck stream would: nothing sent, nothing ends it
      CompletionStage<Done> ended = Source.<ByteString>never()
          .via(Tcp.get(kit.system()).outgoingConnection("127.0.0.1", peer.getLocalPort()))
          .toMat(Sink.ignore(), Keep.right())
          .run(kit.system());
      try (Socket accepted = peer.accept()) {
        accepted.setSoTimeout(10_000);
        LingeringConnections.abortAll(kit.system());
        InputStream in = accepted.getInputStream();
        int read;
        try {
          read = in.read();
        } catch (SocketException reset) {
          read = -1;
        }
        assertThat(read).as("the peer sees the connection end").isEqualTo(-1);
      }
      assertThat(ended.toCompletableFuture().handle((d, e) -> "ended").get(10, TimeUnit.SECONDS)).isEqualTo("ended");
    }
    // the listener is still there: a new connection is accepted and echoed
    try (Socket again = new Socket("127.0.0.1", bound.localAddress().getPort())) {
      again.setSoTimeout(5_000);
      again.getOutputStream().write('x');
      assertThat(again.getInputStream().read()).isEqualTo('x');
    }
    bound.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
