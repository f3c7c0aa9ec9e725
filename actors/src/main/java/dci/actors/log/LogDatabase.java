package dci.actors.log;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The database of one blade's message log, as the log's own code reaches it (the journal plugin
 * has its own pool): the schema ({@link LogSchema}), the read side ({@link IndexStore}), the
 * journal's events ({@link JournalEvents}) and the retention pass ({@link LogRetention}). It is
 * the journal's database ({@code dci.journal.slick.db}: url, user, password, driver), reached
 * through a small pool of its own ({@code dci.log.index.connections}) that is opened on first
 * use (a disabled log never opens it) and closed when the blade's actor system terminates.
 * Every call runs on the {@code dci.blocking-io-dispatcher}, never on an actor's thread.
 */
final class LogDatabase implements Extension {
  /** The databases the read side speaks. */
  enum Dialect {
    H2, POSTGRES
  }

  /** Work on one connection of the pool. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private static final ExtensionId<LogDatabase> ID = new ExtensionId<>() {
    @Override
    public LogDatabase createExtension(ActorSystem<?> system) {
      return new LogDatabase(system);
    }
  };

  private final Config db;
  private final int connections;
  private final Executor io;
  /** Held shared by every call, exclusively while the database is closed and compacted. */
  private final ReadWriteLock use = new ReentrantReadWriteLock();
  private HikariDataSource pool;
  private boolean terminated;
  private java.util.concurrent.CompletableFuture<Void> schema;

  private LogDatabase(ActorSystem<?> system) {
    Config config = system.settings().config();
    this.db = config.getConfig("dci.journal.slick.db");
    this.connections = LogSettings.from(config).connections();
    this.io = system.dispatchers().lookup(DispatcherSelector.fromConfig("dci.blocking-io-dispatcher"));
    system.classicSystem().registerOnTermination(this::close);
  }

  /** The log database of {@code system}'s blade. */
  static LogDatabase get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /**
   * The journal's tables, created once per blade when missing ({@link LogSchema}); every
   * event-sourced part of the blade waits for it before it recovers. A failed creation is tried
   * again by the next caller.
   */
  synchronized CompletionStage<Void> schema() {
    if (schema == null || schema.isCompletedExceptionally()) {
      schema = LogSchema.create(this).toCompletableFuture();
    }
    return schema;
  }

  /** Which database this is, from its JDBC URL. */
  Dialect dialect() {
    String url = db.getString("url");
    if (url.startsWith("jdbc:h2:")) {
      return Dialect.H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Dialect.POSTGRES;
    }
    throw new IllegalStateException("the message log supports H2 and PostgreSQL, not " + url.split(";")[0]);
  }

  /** The executor of the blocking calls ({@code dci.blocking-io-dispatcher}). */
  Executor io() {
    return io;
  }

  /** Runs {@code work} on a connection of the pool, on the blocking dispatcher. */
  <T> CompletionStage<T> run(Work<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      use.readLock().lock();
      try (Connection c = connection()) {
        return work.apply(c);
      } catch (SQLException e) {
        throw new CompletionException(e);
      } finally {
        use.readLock().unlock();
      }
    }, io);
  }

  /**
   * Runs {@code work} alone: once every call under way has ended, and holding back new ones until
   * it has. For work that closes the database ({@link H2Compaction}): the connection it used and
   * every idle one of the pool are thrown away after, so the next call opens the database again.
   */
  <T> CompletionStage<T> exclusive(Work<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      use.writeLock().lock();
      try {
        Connection c = connection();
        try {
          return work.apply(c);
        } finally {
          try {
            c.close();
          } catch (SQLException closed) {
            // the database closed its session: nothing to give back
          }
          synchronized (this) {
            if (pool != null) {
              pool.getHikariPoolMXBean().softEvictConnections();
            }
          }
        }
      } catch (SQLException e) {
        throw new CompletionException(e);
      } finally {
        use.writeLock().unlock();
      }
    }, io);
  }

  /** Runs {@code work} in one transaction (committed if it returns, rolled back if it throws). */
  <T> CompletionStage<T> transaction(Work<T> work) {
    return run(c -> inTransaction(c, work));
  }

  static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.apply(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** A connection of the pool (opened on first use); the caller closes it. */
  Connection connection() throws SQLException {
    return pool().getConnection();
  }

  private synchronized HikariDataSource pool() throws SQLException {
    if (terminated) {
      throw new SQLException("the blade is stopping: its message log database is closed");
    }
    if (pool == null) {
      dialect(); // refuse a database the read side does not speak before opening it
      HikariConfig h = new HikariConfig();
      h.setPoolName("dci-log");
      h.setJdbcUrl(db.getString("url"));
      h.setUsername(db.getString("user"));
      h.setPassword(db.getString("password"));
      h.setDriverClassName(db.getString("driver"));
      h.setMaximumPoolSize(connections);
      h.setMinimumIdle(0);
      h.setConnectionTimeout(db.hasPath("connectionTimeout") ? db.getLong("connectionTimeout") : 30_000);
      try {
        pool = new HikariDataSource(h);
      } catch (RuntimeException e) {
        throw new SQLException("cannot open the message log database: " + e.getMessage(), e);
      }
    }
    return pool;
  }

  private synchronized void close() {
    terminated = true;
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
