package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.DciConfig;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * One blade's message log for the log's tests: the real configuration (defaults from
 * {@code reference.conf}, the blade's H2 file under {@code data}), {@code overrides} over
 * it, on an actor system of its own (no cluster: the log needs none). Close it to stop the blade.
 */
final class LogKit implements AutoCloseable {
  static final String BLADE = "blade-1";
  static final Duration WAIT = Duration.ofSeconds(30);

  final ActorTestKit kit;
  final ActorRef<MessageLog.Command> log;
  final Path data;

  private LogKit(Path data, String overrides) {
    this.data = data;
    Config config = ConfigFactory.parseString(overrides + "\npekko.actor.provider = local\n"
            + "dci.blade.data = \"" + data + "\"")
        .withFallback(DciConfig.base(null)).withFallback(ConfigFactory.defaultReference()).resolve();
    this.kit = ActorTestKit.create("dci", config);
    this.log = kit.spawn(MessageLog.create(BLADE, true), "log");
  }

  static LogKit start(Path data, String overrides) {
    return new LogKit(data, overrides);
  }

  static Envelope envelope(String app, String from, Recipients to, UUID correlationId, UUID replayOf) {
    Sender sender = from == null ? null : new Sender(from, null, null);
    Envelope e = new Envelope(null, app, null, sender, to, 3, 0, null, correlationId, replayOf,
        JsonNodeFactory.instance.objectNode().put("text", "hello from " + from));
    return sender == null ? e.completed(null, Instant.now()) : e.completed(sender, Instant.now());
  }

  void append(Direction d, Envelope e) {
    log.tell(new MessageLog.Append(d, e, null));
  }

  List<LogEntry> query(LogQuery q) {
    TestProbe<MessageLog.Entries> probe = kit.createTestProbe();
    log.tell(new MessageLog.Query(q, probe.getRef()));
    return probe.receiveMessage(WAIT).entries();
  }

  /** Every line, oldest first (at most 100 000). */
  List<LogEntry> all() {
    return query(new LogQuery(null, null, null, null, null, null, 100_000));
  }

  /** Where the log ends, once the read side holds that far. */
  LogPosition position() {
    TestProbe<LogPosition> probe = kit.createTestProbe();
    log.tell(new MessageLog.Position(probe.getRef()));
    return probe.receiveMessage(WAIT);
  }

  LogReader reader() {
    return LogReader.of(kit.system(), BLADE);
  }

  ScanReader scan() {
    return ScanReader.of(kit.system(), BLADE, 2);
  }

  /** The lines of {@code q} on its page at {@code at}, as {@code reader} finds them. */
  static List<LogEntry> lines(LogKit k, LogQuery q, LogPage page, boolean scan) {
    var source = scan ? k.scan().entries(q, page) : k.reader().entries(q, page);
    return await(source.runWith(Sink.seq(), k.kit.system()));
  }

  static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A connection to the blade's database (the system's configuration). */
  Connection sql() throws SQLException {
    return DriverManager.getConnection(kit.system().settings().config().getString("dci.journal.slick.db.url"),
        "sa", "");
  }

  /** A connection to the H2 file under {@code data} while no blade has it open. */
  static Connection sql(Path data) throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + data.resolve("journal").resolve("h2"), "sa", "");
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
  }
}
