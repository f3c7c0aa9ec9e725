package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RechunkerTest {
  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("rechunker", com.typesafe.config.ConfigFactory.parseString(
        "pekko.actor.provider = local"));
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static List<ByteString> cut(int size, int... pieces) throws Exception {
    List<ByteString> in = new java.util.ArrayList<>();
    byte b = 0;
    for (int p : pieces) {
      byte[] x = new byte[p];
      for (int i = 0; i < p; i++) {
        x[i] = b++;
      }
      in.add(ByteString.fromArray(x));
    }
    return Source.from(in).via(new Rechunker(size)).runWith(Sink.seq(), system)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void chunksOfAnySizeBecomeStripesOfExactlyTheSizeAndAShortLastOne() throws Exception {
    List<ByteString> out = cut(10, 3, 7, 15, 1, 9);
    assertThat(out).extracting(ByteString::size).containsExactly(10, 10, 10, 5);
    ByteString all = out.stream().reduce(ByteString.emptyByteString(), ByteString::concat);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.apply(i)).isEqualTo((byte) i);
    }
  }

  @Test
  void anEmptyStreamGivesNoStripesAndAnExactMultipleNoShortOne() throws Exception {
    assertThat(cut(10)).isEmpty();
    assertThat(cut(10, 20)).extracting(ByteString::size).containsExactly(10, 10);
  }
}
