package dci.storage.vnas;

import dci.actors.auth.ServiceTokens;
import dci.actors.http.PeerHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.actors.auth.UserRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stripe fetched from another blade over real HTTP is checked as it arrives: for a reader,
 * against the CRC-32C the sender gives (in several chunks, never copied into one array), or
 * against the id when the sender gives none; a copy to be stored always against the id. A
 * copy damaged on the way, or a wrong copy, is refused.
 */
class StripeClientTest {
  private static ActorTestKit kit;
  private static ServerBinding server;
  private static StripeClient client;
  private static final byte[] DATA = new byte[300_000];
  private static String hash;
  private static String api;

  @BeforeAll
  static void start() throws Exception {
    kit = ActorTestKit.create("stripe-client");
    new Random(3).nextBytes(DATA);
    hash = StripeFiles.sha256(ByteBuffer.wrap(DATA));
    int crc = StripeFiles.crc32c(ByteBuffer.wrap(DATA));
    byte[] damaged = DATA.clone();
    damaged[123_456] ^= 1;
    int damagedCrc = StripeFiles.crc32c(ByteBuffer.wrap(damaged));
    ByteString good = ByteString.fromArray(DATA);
    // the answers: /good, /damaged (damaged bytes, the CRC of the good ones), /bare (no CRC), /bare-damaged,
    // /wrong-damaged (other bytes than the id's, with their own CRC: a sender holding a wrong copy)
    server = Http.get(kit.system()).newServerAt("127.0.0.1", 0).bindSync(req -> {
      String p = req.getUri().path();
      req.discardEntityBytes(kit.system());
      String mode = p.substring(1, p.indexOf("/internal/"));
      ByteString body = mode.endsWith("damaged") ? ByteString.fromArray(damaged) : good;
      // sent in chunks, so the receiver gets a rope of several pieces
      HttpResponse rsp = HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM,
          body.size(), Source.from(java.util.List.of(body.slice(0, 100_000), body.slice(100_000, 250_000),
              body.slice(250_000, body.size())))));
      return mode.startsWith("bare") ? rsp : rsp.addHeader(RawHeader.create(StripeClient.CRC_HEADER,
          String.format("%08x", mode.startsWith("wrong") ? damagedCrc : crc)));
    }).toCompletableFuture().get(10, TimeUnit.SECONDS);
    api = "http://127.0.0.1:" + server.localAddress().getPort();
    ActorRef<UserRegistry.Command> users = kit.spawn(Behaviors.receiveMessage(m -> {
      if (m instanceof UserRegistry.IssueServiceToken t) {
        t.replyTo().tell(new UserRegistry.ServiceToken("service-token", Instant.now().plus(Duration.ofHours(1))));
      }
      return Behaviors.same();
    }));
    client = new StripeClient(new PeerHttp(kit.system(), new ServiceTokens(kit.system(), users)::token), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    server.unbind();
    kit.shutdownTestKit();
  }

  private static ByteString fetch(String mode) throws Exception {
    return fetch(mode, false);
  }

  private static ByteString fetch(String mode, boolean toStore) throws Exception {
    return client.getVerified(api + "/" + mode, hash, toStore).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCopyMatchingTheSendersCrcIsTakenAsItCame() throws Exception {
    ByteString b = fetch("good");
    assertThat(b.toArray()).isEqualTo(DATA);
    assertThat(b.getByteBuffers()).as("kept in the pieces it came in").hasSizeGreaterThan(1);
  }

  @Test
  void aCopyDamagedOnTheWayIsRefusedByItsCrc() {
    assertThatThrownBy(() -> fetch("damaged")).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("corrupt copy");
  }

  @Test
  void aCopyToBeStoredIsHashedAgainstItsIdWhateverCrcComesWithIt() throws Exception {
    assertThat(fetch("good", true).toArray()).isEqualTo(DATA);
    assertThatThrownBy(() -> fetch("wrong-damaged", true)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("corrupt copy");
  }

  @Test
  void withoutACrcTheCopyIsHashedAgainstItsId() throws Exception {
    assertThat(fetch("bare").toArray()).isEqualTo(DATA);
    assertThatThrownBy(() -> fetch("bare-damaged")).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("corrupt copy");
  }
}
