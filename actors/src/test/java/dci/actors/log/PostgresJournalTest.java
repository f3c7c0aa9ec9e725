package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.Blade;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.TestBlades;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "PostgreSQL by configuration": a throwaway PostgreSQL server (initdb + pg_ctl, as the
 * postgres user, on a free loopback port) and a blade whose journal points at it through
 * configuration alone. Skipped where PostgreSQL's server binaries are not installed.
 */
class PostgresJournalTest {
  private Path pgData;
  private Path bin;

  private static Path postgresBin() {
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions == null) {
      return null;
    }
    return Arrays.stream(versions).map(v -> v.toPath().resolve("bin"))
        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
        .max(Comparator.naturalOrder()).orElse(null);
  }

  private static int run(String... cmd) throws Exception {
    List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(List.of(cmd));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0) {
      System.err.println(String.join(" ", cmd) + ": " + out);
    }
    return p.exitValue();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (pgData != null) {
      run(bin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-m", "immediate", "stop");
      new ProcessBuilder("rm", "-rf", pgData.getParent().toString()).start().waitFor();
    }
  }

  @Test
  void theLogJournalsToPostgresqlByConfigurationAndSurvivesARestart() throws Exception {
    bin = postgresBin();
    assumeTrue(bin != null, "PostgreSQL server binaries not installed");
    assumeTrue(new ProcessBuilder("id", "-u", "postgres").start().waitFor() == 0, "no postgres user");
    Path root = Files.createTempDirectory("dci-pg");
    UserPrincipal postgres = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
    Files.setOwner(root, postgres);
    pgData = root.resolve("data");
    int port = TestBlades.freePort();
    assertThat(run(bin.resolve("initdb").toString(), "-D", pgData.toString(), "-U", "dci", "--auth=trust",
        "-E", "UTF8")).isZero();
    assertThat(run(bin.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-w", "-l",
        root.resolve("pg.log").toString(), "-o", "-p " + port + " -h 127.0.0.1 -k " + root, "start")).isZero();
    assertThat(run(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "dci",
        "dci_blade_1")).isZero();

    Config pg = ConfigFactory.parseString("""
        dci.journal.slick {
          profile = "slick.jdbc.PostgresProfile$"
          db {
            driver = "org.postgresql.Driver"
            url = "jdbc:postgresql://127.0.0.1:%d/dci_blade_1"
            user = "dci"
            password = ""
          }
        }
        """.formatted(port));
    Path data = Files.createTempDirectory("dci-pg-blade");
    BladeSettings s = new BladeSettings("blade-1", "127.0.0.1", TestBlades.freePort(), "127.0.0.1",
        TestBlades.freePort(), data, List.of(), "default", List.of());
    Envelope e = new Envelope(null, "echo", null, null, Recipients.blade("blade-2"), 3, null, null, null, null, null)
        .completed(new Sender("blade-1", null, null), Instant.now());

    for (int round = 1; round <= 2; round++) {
      TestBlades.prepareTls(s, null);
      Config config = DciConfig.forBlade(s, pg.withFallback(TestBlades.testOverrides()).withFallback(DciConfig.base(null)));
      ActorSystem<Blade.Command> system = ActorSystem.create(Blade.create(s, config), BladeSettings.SYSTEM_NAME, config);
      try {
        Blade.Parts parts = AskPattern.ask(system, Blade.GetParts::new, Duration.ofSeconds(20), system.scheduler())
            .toCompletableFuture().join();
        parts.log().tell(new MessageLog.Append(Direction.SENT, e, "round " + round));
        int expected = round;
        TestProbe<MessageLog.Entries> probe = TestProbe.create(system);
        probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(300), () -> {
          parts.log().tell(new MessageLog.Query(new LogQuery(null, null, null, null, null, e.id(), 10), probe.getRef()));
          List<LogEntry> entries = probe.receiveMessage(Duration.ofSeconds(10)).entries();
          assertThat(entries).extracting(LogEntry::note).hasSize(expected).endsWith("round " + expected);
          assertThat(entries).extracting(LogEntry::seq).last().isEqualTo((long) expected);
          return null;
        });
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
      }
    }
    assertThat(Files.exists(data.resolve("journal"))).as("nothing journaled to H2").isFalse();
  }
}
