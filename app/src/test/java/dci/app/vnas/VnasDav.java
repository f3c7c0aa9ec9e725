package dci.app.vnas;

import dci.storage.vnas.Vnas;
import static org.awaitility.Awaitility.await;

import dci.app.TestCluster;
import dci.app.node.BladeNode;
import dci.storage.vnas.Keeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What the VNAS tests add to a {@link TestCluster}: their settings (small 64 KiB stripes make
 * many stripes out of small files; keeper timers set far apart so passes happen when asked), a
 * WebDAV client on each blade's {@code /vnas} as the admin (HTTP Basic), and the keepers driven
 * by hand.
 */
final class VnasDav {
  static final String SETTINGS = """
      dci.vnas.stripe-size = 64KiB
      dci.vnas.keeper-interval = 1h
      dci.vnas.gc-grace = 1s
      dci.vnas.hot-reads = 0
      dci.vnas.publish-interval = 500ms
      """;
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final TestCluster cluster;

  VnasDav(TestCluster cluster) {
    this.cluster = cluster;
  }

  /** {@code count} blades with the VNAS test settings. */
  static TestCluster.Builder blades(int count) {
    return TestCluster.blades(count).config(SETTINGS);
  }

  /** Waits until blade 1 sees {@code n} blades Up and knows each one's stripe store. */
  void awaitStores(int n) {
    await("blade-1's volume knows " + n + " live stores").atMost(TestCluster.UP_WITHIN)
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          var v = cluster.blade(1).service(Vnas.class);
          long known = v.volume().index().stores().toCompletableFuture().join().keySet().stream()
              .filter(v.live().up()::contains).count();
          return v.live().up().size() >= n && known >= n;
        });
  }

  String dav(int k) {
    return cluster.url(k) + "/vnas";
  }

  /** Runs a keeper pass on each of {@code blades}, one after the other. */
  List<Keeper.PassReport> pass(int... blades) {
    List<Keeper.PassReport> out = new ArrayList<>();
    for (int k : blades) {
      BladeNode n = cluster.blade(k);
      out.add(AskPattern.<Keeper.Command, Keeper.PassReport>ask(n.service(Vnas.class).keeper(), Keeper.RunPass::new,
          Duration.ofMinutes(2), n.system().scheduler()).toCompletableFuture().join());
    }
    return out;
  }

  /**
   * Keeper passes on {@code blades}, round after round (200 ms apart), until {@code done} holds;
   * false if it still does not after 15 rounds.
   */
  boolean converge(BooleanSupplier done, int... blades) {
    int[] rounds = {0};
    await("keeper rounds").atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (done.getAsBoolean() || rounds[0] == 15) {
            return true;
          }
          rounds[0]++;
          pass(blades);
          return false;
        });
    return done.getAsBoolean();
  }

  HttpResponse<byte[]> send(HttpRequest.Builder b) {
    try {
      return CLIENT.send(b.header("Authorization", cluster.basicAuth()).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> put(int k, String path, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(dav(k) + path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<byte[]> get(int k, String path) {
    return send(HttpRequest.newBuilder(URI.create(dav(k) + path)).GET());
  }

  HttpResponse<byte[]> method(int k, String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dav(k) + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }
}
