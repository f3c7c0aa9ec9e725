package dci.actors.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Creates the message log's tables when missing: the journal and snapshot tables of
 * pekko-persistence-jdbc and the read side ({@code dci_log_*}), from {@code schema-h2.sql} or
 * {@code schema-postgres.sql} beside this class. Every statement is {@code IF NOT EXISTS}, so
 * it runs on every start. This is production code of the blade: pekko-persistence-jdbc's
 * {@code SchemaUtils} belongs to its test kit.
 */
final class LogSchema {
  private LogSchema() {}

  /** Creates what is missing, on the blocking dispatcher. */
  static CompletionStage<Void> create(LogDatabase db) {
    return db.run(c -> {
      List<String> statements = statements(db.dialect());
      try (Statement st = c.createStatement()) {
        for (String sql : statements) {
          st.execute(sql);
        }
      }
      return null;
    });
  }

  /** The statements of the dialect's script, in order. */
  static List<String> statements(LogDatabase.Dialect dialect) {
    String name = "schema-" + dialect.name().toLowerCase(Locale.ROOT) + ".sql";
    String script;
    try (InputStream in = LogSchema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.strip().equals(";")) {
        if (!current.toString().isBlank()) {
          out.add(current.toString().strip());
        }
        current.setLength(0);
      } else if (!line.strip().startsWith("--")) {
        current.append(line).append('\n');
      }
    }
    return List.copyOf(out);
  }
}
