package dci.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blades of one machine take turns to start: the turn is an OS file lock, held by another process here. */
class StartTurnTest {
  @TempDir Path dir;
  private Process holder;

  @AfterEach
  void stop() {
    if (holder != null) {
      holder.destroyForcibly();
    }
  }

  private Process hold(Path file) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        StartTurnHolder.class.getName(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    var in = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    assertThat(in.readLine()).isEqualTo("held");
    return holder;
  }

  @Test
  void aBladeWaitsWhileAnotherProcessHoldsTheTurnAndStartsWhenItIsGiven() throws Exception {
    Path file = dir.resolve("start.lock");
    Process other = hold(file);
    StringWriter said = new StringWriter();
    CompletableFuture<StartTurn> mine = CompletableFuture.supplyAsync(() ->
        StartTurn.take(file, Duration.ofSeconds(30), new PrintWriter(said, true)));
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> !mine.isDone());
    assertThat(said.toString()).contains("waiting for the blade of this machine that is starting");
    other.getOutputStream().close(); // the other blade is Up: it gives the turn
    try (StartTurn turn = mine.get(10, TimeUnit.SECONDS)) {
      assertThat(turn.held()).isTrue();
    }
  }

  @Test
  void aBladeWhoseTurnDoesNotComeStartsAnywayAndTheTurnOfAKilledBladeIsFreeAtOnce() throws Exception {
    Path file = dir.resolve("start.lock");
    Process other = hold(file);
    StringWriter said = new StringWriter();
    try (StartTurn late = StartTurn.take(file, Duration.ofMillis(300), new PrintWriter(said, true))) {
      assertThat(late.held()).isFalse();
    }
    assertThat(said.toString()).contains("still starting after 300 ms: starting anyway");
    other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    try (StartTurn turn = StartTurn.take(file, Duration.ofSeconds(5), new PrintWriter(new StringWriter()))) {
      assertThat(turn.held()).as("a killed blade's lock is the kernel's to release").isTrue();
    }
  }
}
