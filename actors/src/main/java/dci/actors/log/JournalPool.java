package dci.actors.log;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import slick.jdbc.hikaricp.HikariCPJdbcDataSource;

/**
 * The journal plugin's own connection pool (pekko-persistence-jdbc's shared database, HikariCP
 * through Slick), reached only to throw its connections away after the database was closed under
 * it ({@link H2Compaction}): the next journal write then opens a new one. HikariCP would also
 * notice by itself, as it checks a connection idle for more than 500 ms before handing it out,
 * and the journal is held back longer than that around a compaction.
 */
final class JournalPool {
  private JournalPool() {}

  /** Evicts the journal pool's idle connections (in-use ones when given back); false if not HikariCP. */
  static boolean evict(ActorSystem<?> system) {
    SlickExtensionImpl slick = (SlickExtensionImpl) SlickExtension.get(system.classicSystem());
    var database = slick.database(system.settings().config().getConfig("jdbc-journal")).database();
    if (database.source() instanceof HikariCPJdbcDataSource hikari) {
      hikari.ds().getHikariPoolMXBean().softEvictConnections();
      return true;
    }
    return false;
  }
}
