package dci.actors.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;

/**
 * Shrinks the blade's H2 file after the retention pass deleted rows. H2 2.x (MVStore) reuses
 * freed space but does not give it back while the database is open. Its online compaction
 * ({@code Store.compactFile}, chunk moves) is not safe here: with Java assertions on it fails an
 * internal check of where a moved chunk landed and closes the database, even with no other
 * writer. So this uses H2's supported way, {@code SHUTDOWN COMPACT}: the database is closed, its
 * live data rewritten into a new file, and it opens again on the next connection. The caller
 * ({@link LogRetention#compact}) pauses the journal and the log's own queries around it, and
 * both connection pools replace the connections it closed. Measured: 10 MB of journal rows, 90 %
 * deleted, down to 1 MB in 50-110 ms; the time grows with the live data, which it copies.
 */
final class H2Compaction {
  /** Compaction is worth it when less than this share (%) of the file, or of its chunks, is live. */
  static final int WORTH_IT = 80;

  private H2Compaction() {}

  /**
   * The file of the embedded H2 database {@code c} belongs to, when enough of it is free to be
   * worth compacting ({@link #WORTH_IT}: compaction pauses the journal, so a few deleted rows are
   * left for later); null otherwise, and for anything but an embedded H2 database. Checkpoints
   * first, so that what was deleted counts. Reads H2's own figures of its store.
   */
  static Path worthIt(Connection c) throws SQLException {
    if (!c.isWrapperFor(JdbcConnection.class)
        || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
      return null;
    }
    FileStore<?> file = local.getDatabase().getStore().getMvStore().getFileStore();
    if (file == null) {
      return null;
    }
    try (Statement st = c.createStatement()) {
      st.execute("CHECKPOINT");
    }
    return Math.min(file.getFillRate(), file.getChunksFillRate()) < WORTH_IT ? Path.of(file.getFileName()) : null;
  }

  /**
   * {@code SHUTDOWN COMPACT} on {@code c}, which is closed by it; every other connection to the
   * database is closed too. Answers the size of {@code file} after, in bytes.
   */
  static long compact(Connection c, Path file) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SHUTDOWN COMPACT");
    }
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
