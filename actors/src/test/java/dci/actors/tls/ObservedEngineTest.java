package dci.actors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.IgnoreComplete$;
import org.apache.pekko.stream.TLSProtocol.SendBytes;
import org.apache.pekko.stream.TLSProtocol.SslTlsInbound;
import org.apache.pekko.stream.TLSProtocol.SslTlsOutbound;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.TLS;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection whose TLS fails must end its stream: Pekko's TLS stage, after an engine
 * exception while it waited for the peer's bytes, otherwise waits for ever for the alert it
 * would flush, and Artery's shutdown waits for that stream (a blade's actor system then never
 * terminates; seen in CI after "refused a TLS handshake ... AEAD cipher fragment").
 */
class ObservedEngineTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void aConnectionThatFailsItsHandshakeEndsItsTlsStreamAndIsReportedOnce() throws Exception {
    RefusalLog refusals = new RefusalLog("blade-t", Duration.ofMinutes(1));
    SSLEngine jdk = SSLContext.getDefault().createSSLEngine();
    jdk.setUseClientMode(false);
    // the peer sends bytes that are no TLS record, then stays connected and silent
    Flow<ByteString, ByteString, CompletionStage<Done>> peer = Flow.fromSinkAndSourceMat(
        Sink.ignore(), Source.single(ByteString.fromString("GET / HTTP/1.1\r\n\r\n")).concat(Source.never()), Keep.left());
    BidiFlow<SslTlsOutbound, ByteString, ByteString, SslTlsInbound, NotUsed> tls =
        TLS.create(() -> new ObservedEngine(jdk, refusals, "127.0.0.1:1"), IgnoreComplete$.MODULE$);
    Flow<SslTlsOutbound, SslTlsInbound, CompletionStage<Done>> connection =
        tls.join(peer, Keep.<NotUsed, CompletionStage<Done>>right());
    Pair<CompletionStage<Done>, CompletionStage<Done>> ends = Source.<SslTlsOutbound>never()
        .viaMat(connection, Keep.right())
        .toMat(Sink.ignore(), Keep.both())
        .run(kit.system());

    assertThatThrownBy(() -> ends.second().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SSLException.class);
    // the bytes towards the peer end: the connection is closed, not held open for ever
    assertThat(ends.first().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(Done.getInstance());
    assertThat(refusals.total()).isEqualTo(1);
  }

  @Test
  void aBrokenRecordWhileTheBladeStillHasBytesToSendEndsTheConnection(@TempDir Path dir) throws Exception {
    TlsDir.of(dir).writeCredentials(ClusterCa.create("test").issue("blade-t", List.of()));
    BladeTls blade = BladeTls.load(TlsDir.of(dir), "blade-t");
    // the blade's side of a connection with more to send than the peer has read yet
    Pair<BoundedSourceQueue<ByteString>, SinkQueueWithCancel<ByteString>> wire = Source.<ByteString>queue(64)
        .via(BidiFlow.<SslTlsOutbound, ByteString, ByteString, SslTlsInbound, NotUsed>fromGraph(
                TLS.create(blade::serverEngine, IgnoreComplete$.MODULE$)).reversed()
            .join(Flow.fromSinkAndSource(Sink.ignore(),
                Source.<SslTlsOutbound>single(new SendBytes(ByteString.fromArray(new byte[4 << 20])))
                    .concat(Source.never()))))
        .toMat(Sink.queue(), Keep.both())
        .run(kit.system());
    handshake(blade.clientEngine("127.0.0.1", 1), wire);

    // a record too short for the cipher: the engine fails and has an alert of its own to send
    wire.first().offer(ByteString.fromArray(new byte[] {0x17, 0x03, 0x03, 0x00, 0x02, 0x00, 0x00}));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean ended = false;
    while (!ended && System.nanoTime() < deadline) {
      try {
        ended = wire.second().pull().toCompletableFuture()
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).isEmpty();
      } catch (ExecutionException failed) {
        ended = true;
      } catch (java.util.concurrent.TimeoutException stillOpen) {
        break;
      }
    }
    assertThat(ended).as("the connection's bytes towards the peer ended after the broken record").isTrue();
  }

  /** Drives a client engine through its handshake with the blade at the other end of the wire. */
  private static void handshake(SSLEngine client,
      Pair<BoundedSourceQueue<ByteString>, SinkQueueWithCancel<ByteString>> wire) throws Exception {
    int packet = client.getSession().getPacketBufferSize();
    ByteBuffer in = ByteBuffer.allocate(packet * 8).flip();
    ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 2);
    client.beginHandshake();
    for (int step = 0; step < 100; step++) {
      switch (client.getHandshakeStatus()) {
        case NEED_WRAP -> {
          ByteBuffer out = ByteBuffer.allocate(packet);
          client.wrap(ByteBuffer.allocate(0), out);
          wire.first().offer(ByteString.fromByteBuffer(out.flip()));
        }
        case NEED_TASK -> {
          for (Runnable t = client.getDelegatedTask(); t != null; t = client.getDelegatedTask()) {
            t.run();
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (client.unwrap(in, app).getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            ByteString more = wire.second().pull().toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
            in.compact().put(more.toByteBuffer()).flip();
          }
        }
        default -> {
          return;
        }
      }
    }
    throw new AssertionError("no handshake after 100 steps");
  }
}
