package dci.app.http;

import dci.app.failover.Body;
import static org.assertj.core.api.Assertions.assertThat;

import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The desk as a live session ({@code /desk/USER} over WebSocket): through any blade it reaches
 * a shell in the user's home on the blade the port is routed to, and while a fail-over holds
 * the desk the session opens only once the hold is released.
 */
@ExtendWith(CageExtension.class)
class DeskSocketTest {
  private static TestCluster cage;
  private static String token;

  @BeforeAll
  static void start(TestCluster shared) {
    cage = shared;
    String admin = Http.login(cage.url(1), "admin", cage.adminPassword());
    assertThat(Http.post(cage.url(1) + "/api/users", admin,
        "{\"user\":\"wsop\",\"password\":\"wsop-secret\",\"role\":\"operator\"}").status()).isEqualTo(201);
    assertThat(Http.put(cage.url(1) + "/api/ports/wsop", admin, "{\"blade\":\"blade-2\"}").status()).isEqualTo(200);
    token = Http.login(cage.url(1), "wsop", "wsop-secret");
  }

  /** What the display shows, message by message. */
  private static final class Display implements WebSocket.Listener {
    final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private final StringBuilder part = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        seen.add(part.toString());
        part.setLength(0);
      }
      ws.request(1);
      return null;
    }

    /** Everything shown until {@code text} appears, or null after {@code seconds}. */
    String until(String text, int seconds) throws InterruptedException {
      StringBuilder all = new StringBuilder();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        String s = seen.poll(100, TimeUnit.MILLISECONDS);
        if (s != null) {
          all.append(s);
          if (all.toString().contains(text)) {
            return all.toString();
          }
        }
      }
      return null;
    }
  }

  private static WebSocket open(int blade, Display display) {
    return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(cage.url(blade).replaceFirst("^http", "ws") + "/desk/wsop"), display)
        .orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void aSessionOpenedThroughAnotherBladeRunsInTheUsersHomeOnTheRoutedBlade() throws Exception {
    Display display = new Display();
    WebSocket ws = open(1, display);
    try {
      assertThat(display.until("desk on blade-2", 20)).as("the banner names the routed blade").isNotNull();
      ws.sendText("echo typed-$((40+2)); pwd\n", true).join();
      String shown = display.until("home/wsop", 20);
      assertThat(shown).as("the shell ran what was typed, in the user's home").isNotNull().contains("typed-42");
    } finally {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  @Test
  void aHeldDeskOpensOnlyOnceTheFailoverReleasesIt() throws Exception {
    var holds = cage.blade(2).service(Body.class).holds();
    holds.hold("wsop");
    Display display = new Display();
    WebSocket ws = open(1, display);
    try {
      assertThat(display.until("desk on", 2)).as("no shell while the user's files are still arriving").isNull();
      holds.release("wsop");
      assertThat(display.until("desk on blade-2", 20)).as("the session opens when the hold ends").isNotNull();
    } finally {
      holds.release("wsop");
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
