package dci.app.vnas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Http;
import dci.app.TestCluster;
import dci.protocol.Json;
import dci.storage.vnas.Keeper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The volume across real blades (three, then a fourth joins, then one crashes): what is
 * written through one mount point is read through another, stripes live on r = 2 blades,
 * and the keepers re-replicate, rebalance, drain and scrub.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VnasClusterTest {
  private TestCluster cluster;
  private VnasDav blades;
  private String token;
  private final byte[] data = new byte[1_000_000]; // 16 stripes of 64 KiB

  @BeforeAll
  void start() throws Exception {
    cluster = VnasDav.blades(3).start();
    blades = new VnasDav(cluster);
    blades.awaitStores(3);
    new Random(7).nextBytes(data);
    token = cluster.token();
    assertThat(blades.method(1, "MKCOL", "/docs", null).statusCode()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private JsonNode stat(int k, String path) {
    Http.Reply r = Http.get(cluster.blade(k).apiUrl() + "/api/vnas/stat?path=" + path, token);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  /** Stripe bytes blade k sent to other blades ({@code sent} of /api/vnas/df). */
  private long sent(int k) {
    Http.Reply r = Http.get(cluster.blade(k).apiUrl() + "/api/vnas/df", token);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("sent").get("bytes").asLong();
  }

  private static Set<String> holders(JsonNode stripe) {
    Set<String> out = new HashSet<>();
    stripe.get("blades").forEach(b -> out.add(b.asText()));
    return out;
  }

  @Test
  @Order(1)
  void fileWrittenThroughOneBladeIsReadThroughAnotherWithEveryStripeOnTwoBlades() {
    long sentBefore = sent(1);
    assertThat(blades.put(1, "/docs/big.bin", data).statusCode()).isEqualTo(201);
    assertThat(sent(1) - sentBefore).as("one copy of each stripe leaves the writer: the first holder passes it on")
        .isEqualTo(data.length);
    HttpResponse<byte[]> back = blades.get(3, "/docs/big.bin");
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.body()).isEqualTo(data);
    JsonNode s = stat(2, "/docs/big.bin");
    assertThat(s.get("size").asLong()).isEqualTo(data.length);
    assertThat(s.get("stripes")).hasSize(16);
    Set<String> used = new HashSet<>();
    s.get("stripes").forEach(st -> {
      assertThat(holders(st)).hasSize(2);
      used.addAll(holders(st));
    });
    assertThat(used).as("stripes spread over the blades").containsExactlyInAnyOrder("blade-1", "blade-2", "blade-3");
    assertThat(blades.put(2, "/docs/big.bin", data).statusCode()).as("overwrite").isEqualTo(204);
    assertThat(stat(3, "/docs/big.bin").get("version").asLong()).isEqualTo(2);
  }

  @Test
  @Order(2)
  void rangeReadsReturnExactlyTheAskedBytes() {
    HttpResponse<byte[]> r = blades.send(HttpRequest.newBuilder(URI.create(blades.dav(2) + "/docs/big.bin"))
        .header("Range", "bytes=65000-200000").GET());
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).contains("bytes 65000-200000/1000000");
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 65000, 200001));
    HttpResponse<byte[]> tail = blades.send(HttpRequest.newBuilder(URI.create(blades.dav(3) + "/docs/big.bin"))
        .header("Range", "bytes=-10").GET());
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
    HttpResponse<byte[]> head = blades.send(HttpRequest.newBuilder(URI.create(blades.dav(1) + "/docs/big.bin"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
    assertThat(head.body()).isEmpty();
    HttpResponse<byte[]> beyond = blades.send(HttpRequest.newBuilder(URI.create(blades.dav(1) + "/docs/big.bin"))
        .header("Range", "bytes=2000000-").GET());
    assertThat(beyond.statusCode()).isEqualTo(416);
  }

  @Test
  @Order(3)
  void unauthenticatedViewerAndTraversalRequestsAreRefused() throws Exception {
    HttpResponse<byte[]> anon = VnasDav.CLIENT.send(HttpRequest.newBuilder(URI.create(blades.dav(1) + "/docs/big.bin"))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(anon.statusCode()).isEqualTo(401);
    assertThat(anon.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(Http.post(cluster.blade(1).apiUrl() + "/api/users", token,
        "{\"user\":\"vera\",\"password\":\"viewer-pass-1\",\"role\":\"viewer\"}").status()).isEqualTo(201);
    String vera = "Basic " + java.util.Base64.getEncoder().encodeToString("vera:viewer-pass-1".getBytes());
    HttpResponse<byte[]> read = VnasDav.CLIENT.send(HttpRequest.newBuilder(URI.create(blades.dav(2) + "/docs/big.bin"))
        .header("Authorization", vera).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(read.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> write = VnasDav.CLIENT.send(HttpRequest.newBuilder(URI.create(blades.dav(2) + "/docs/v.txt"))
        .header("Authorization", vera).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(write.statusCode()).isEqualTo(403);
    // dot segments are either collapsed by the HTTP layer (never above /vnas/) or refused
    for (String evil : List.of("/docs/%2e%2e/%2e%2e/etc/passwd", "/docs/..%2f..%2fetc", "/a%00b", "/a%5cb")) {
      HttpResponse<byte[]> r = blades.get(1, evil);
      assertThat(r.statusCode()).as(evil).isIn(400, 404);
      assertThat(new String(r.body())).doesNotContain("root:");
    }
    assertThat(blades.put(1, "/docs/..%2fescape.txt", new byte[] {1}).statusCode()).isEqualTo(400);
    assertThat(blades.put(1, "/nowhere/x.txt", new byte[] {1}).statusCode()).as("missing parent").isEqualTo(409);
  }

  @Test
  @Order(4)
  void aLockTakenThroughOneBladeIsHonouredThroughAnother() {
    assertThat(blades.put(1, "/docs/locked.txt", "v1".getBytes()).statusCode()).isEqualTo(201);
    HttpResponse<byte[]> lock = blades.method(1, "LOCK", "/docs/locked.txt",
        "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
            + "<D:locktype><D:write/></D:locktype><D:owner>tester</D:owner></D:lockinfo>",
        "Content-Type", "application/xml", "Timeout", "Second-60");
    assertThat(lock.statusCode()).isEqualTo(200);
    String lockToken = lock.headers().firstValue("Lock-Token").orElseThrow();
    assertThat(blades.put(2, "/docs/locked.txt", "v2".getBytes()).statusCode()).isEqualTo(423);
    assertThat(blades.method(3, "DELETE", "/docs", null).statusCode()).as("parent delete").isEqualTo(423);
    HttpResponse<byte[]> withToken = blades.send(HttpRequest.newBuilder(URI.create(blades.dav(3) + "/docs/locked.txt"))
        .header("If", "(" + lockToken + ")").PUT(HttpRequest.BodyPublishers.ofString("v3")));
    assertThat(withToken.statusCode()).isEqualTo(204);
    assertThat(blades.method(2, "UNLOCK", "/docs/locked.txt", null, "Lock-Token", lockToken).statusCode())
        .isEqualTo(204);
    assertThat(blades.put(2, "/docs/locked.txt", "v4".getBytes()).statusCode()).isEqualTo(204);
    assertThat(new String(blades.get(1, "/docs/locked.txt").body())).isEqualTo("v4");
  }

  @Test
  @Order(5)
  void theSameExclusiveLockAskedThroughTwoBladesAtOnceHasOneWinnerEveryTime() throws Exception {
    assertThat(blades.method(1, "MKCOL", "/race", null).statusCode()).isEqualTo(201);
    String body = "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
        + "<D:locktype><D:write/></D:locktype><D:owner>race</D:owner></D:lockinfo>";
    int rounds = 1000;
    int twoWinners = 0;
    int noWinner = 0;
    for (int i = 0; i < rounds; i++) {
      String path = "/race/f" + i;
      List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> both = new ArrayList<>();
      for (int k : new int[] {1 + i % 3, 1 + (i + 1) % 3}) {
        both.add(VnasDav.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(blades.dav(k) + path))
            .header("Authorization", cluster.basicAuth()).header("Content-Type", "application/xml")
            .header("Timeout", "Second-600").timeout(Duration.ofSeconds(30))
            .method("LOCK", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()));
      }
      long wins = 0;
      for (var f : both) {
        int status = f.get().statusCode();
        assertThat(status).as("round %d", i).isIn(200, 201, 423);
        wins += status == 423 ? 0 : 1;
      }
      twoWinners += wins > 1 ? 1 : 0;
      noWinner += wins == 0 ? 1 : 0;
    }
    assertThat(twoWinners).as("rounds in which both blades granted the lock").isZero();
    assertThat(noWinner).as("rounds in which neither did").isZero();
  }

  @Test
  @Order(6)
  void aPlacementRuleSetThroughOneBladeIsListedAndAppliedByEveryBlade() {
    assertThat(blades.method(1, "MKCOL", "/ruled", null).statusCode()).isEqualTo(201);
    byte[] before = Arrays.copyOf(data, 200_000); // 4 stripes of 64 KiB
    assertThat(blades.put(2, "/ruled/before.bin", before).statusCode()).isEqualTo(201);
    stat(1, "/ruled/before.bin").get("stripes").forEach(st -> assertThat(holders(st)).hasSize(2));

    String rules = cluster.blade(1).apiUrl() + "/api/vnas/rules";
    Http.Reply set = Http.put(rules, token, "{\"path\":\"/ruled\",\"replicas\":3}");
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    for (int k = 1; k <= 3; k++) {
      Http.Reply list = Http.get(cluster.blade(k).apiUrl() + "/api/vnas/rules", token);
      assertThat(list.text()).as("blade-%d lists the rule at once", k)
          .contains("\"path\":\"/ruled\"", "\"replicas\":3", "\"source\":\"cluster\"");
    }
    assertThat(blades.put(3, "/ruled/after.bin", Arrays.copyOfRange(data, 200_000, 400_000)).statusCode())
        .isEqualTo(201);
    stat(1, "/ruled/after.bin").get("stripes").forEach(st -> assertThat(holders(st))
        .as("a file written under the rule through another blade").hasSize(3));
    assertThat(blades.converge(() -> {
      boolean[] all = {true};
      stat(2, "/ruled/before.bin").get("stripes").forEach(st -> all[0] &= holders(st).size() == 3);
      return all[0];
    }, 1, 2, 3)).as("the keepers give a file stored before the rule its third replicas").isTrue();

    assertThat(Http.put(rules, token, "{\"path\":\"/ruled\",\"replicas\":0}").status()).isEqualTo(400);
    assertThat(Http.put(rules, token, "{\"path\":\"/a/../b\",\"replicas\":2}").status()).isEqualTo(400);
    assertThat(Http.put(rules, token, "{\"path\":\"/ruled\"}").status()).isEqualTo(400);
    assertThat(Http.delete(cluster.blade(2).apiUrl() + "/api/vnas/rules?path=/ruled", token).status()).isEqualTo(200);
    assertThat(Http.delete(cluster.blade(3).apiUrl() + "/api/vnas/rules?path=/ruled", token).status()).isEqualTo(404);
    assertThat(Http.get(rules, token).text()).doesNotContain("/ruled");
  }

  @Test
  @Order(7)
  void scrubFindsACorruptStripeFileAndRepairsItFromAReplica() throws Exception {
    JsonNode first = stat(1, "/docs/big.bin").get("stripes").get(0);
    String hash = first.get("hash").asText();
    int k = Integer.parseInt(holders(first).iterator().next().substring("blade-".length()));
    Path file = cluster.dataDir(k).resolve("vnas/stripes").resolve(hash.substring(0, 2)).resolve(hash);
    byte[] bytes = Files.readAllBytes(file);
    bytes[100] ^= 0x5a;
    Files.write(file, bytes);
    Http.Reply scrub = Http.post(cluster.blade(2).apiUrl() + "/api/vnas/scrub", token, "");
    assertThat(scrub.status()).as(scrub.text()).isEqualTo(200);
    assertThat(scrub.json().get("corrupt").asInt()).isEqualTo(1);
    assertThat(scrub.json().get("repaired").asInt()).isEqualTo(1);
    assertThat(dci.storage.vnas.StripeFiles.sha256(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))).isEqualTo(hash);
    assertThat(blades.get(k, "/docs/big.bin").body()).isEqualTo(data);
  }

  @Test
  @Order(8)
  void aNewBladeGetsItsShareOfStripesAndEveryStripeKeepsTwoReplicas() {
    cluster.add();
    blades.awaitStores(4);
    assertThat(blades.converge(() -> {
      JsonNode st = stat(4, "/docs/big.bin");
      boolean onNew = false;
      for (JsonNode x : st.get("stripes")) {
        if (holders(x).size() != 2) {
          return false;
        }
        onNew |= holders(x).contains("blade-4");
      }
      return onNew;
    }, 1, 2, 3, 4)).as("rebalanced within 15 keeper rounds").isTrue();
    JsonNode s = stat(4, "/docs/big.bin");
    long onFour = 0;
    for (JsonNode st : s.get("stripes")) {
      assertThat(holders(st)).hasSize(2);
      onFour += holders(st).contains("blade-4") ? 1 : 0;
    }
    assertThat(onFour).as("stripes moved onto the new blade").isGreaterThan(0);
    assertThat(blades.get(4, "/docs/big.bin").body()).isEqualTo(data);
  }

  @Test
  @Order(9)
  void drainingABladeMovesEveryStripeOffIt() {
    Http.Reply d = Http.post(cluster.blade(1).apiUrl() + "/api/vnas/drain", token, "{\"blade\":\"blade-2\"}");
    assertThat(d.status()).as(d.text()).isEqualTo(200);
    assertThat(blades.converge(() -> {
      if (Http.get(cluster.blade(1).apiUrl() + "/api/vnas/drain?blade=blade-2", token)
          .json().get("remaining").asInt() != 0) {
        return false;
      }
      for (JsonNode st : stat(1, "/docs/big.bin").get("stripes")) {
        if (holders(st).size() != 2 || holders(st).contains("blade-2")) {
          return false;
        }
      }
      return true;
    }, 1, 2, 3, 4)).as("drained within 15 keeper rounds").isTrue();
    assertThat(Http.get(cluster.blade(3).apiUrl() + "/api/vnas/drain?blade=blade-2", token).json()
        .get("remaining").asInt()).isZero();
    stat(1, "/docs/big.bin").get("stripes").forEach(st -> assertThat(holders(st)).hasSize(2).doesNotContain("blade-2"));
    assertThat(blades.get(2, "/docs/big.bin").body()).as("still readable through the drained blade").isEqualTo(data);
    Http.post(cluster.blade(1).apiUrl() + "/api/vnas/drain", token, "{\"blade\":\"blade-2\",\"stop\":true}");
  }

  @Test
  @Order(10)
  void aCrashedBladesStripesAreReadFromReplicasAndReReplicated() {
    JsonNode before = stat(1, "/docs/big.bin");
    cluster.crash(3);
    assertThat(blades.get(1, "/docs/big.bin").body()).as("read with blade-3 gone").isEqualTo(data);
    assertThat(blades.get(4, "/docs/big.bin").body()).isEqualTo(data);
    blades.converge(() -> blades.pass(1, 2, 4).stream().allMatch(r -> r.underReplicated() == 0), 1, 2, 4);
    List<Keeper.PassReport> last = blades.pass(1, 2, 4);
    assertThat(last).allSatisfy(r -> assertThat(r.underReplicated()).isZero());
    JsonNode after = stat(2, "/docs/big.bin");
    assertThat(after.get("stripes")).hasSize(before.get("stripes").size());
    after.get("stripes").forEach(st -> {
      Set<String> live = holders(st);
      live.remove("blade-3");
      assertThat(live).as("live replicas of " + st.get("hash").asText()).hasSizeGreaterThanOrEqualTo(2);
    });
  }

  @SuppressWarnings("unused")
  private static JsonNode parse(byte[] b) throws Exception {
    return Json.mapper().readTree(b);
  }
}
