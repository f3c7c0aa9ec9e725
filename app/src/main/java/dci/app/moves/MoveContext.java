package dci.app.moves;

import dci.actors.log.MessageLog;
import dci.app.failover.DeskHolds;
import dci.hardware.port.PeripheralSwitch;
import dci.storage.backup.Backup;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a blade's move manager works with: its desks' holds and port switch, its backup, its
 * router (hooks go as exec envelopes), its blocking-I/O executor, its client to other blades'
 * APIs (homes streamed between blades) and its directory (where they are).
 */
record MoveContext(String blade, Path dataDir, MovesSettings settings, ActorRef<PeripheralSwitch.Command> portSwitch,
    DeskHolds holds, Backup backup, ActorRef<dci.actors.router.Router.Command> router, Executor io,
    ActorRef<MessageLog.Command> log, dci.actors.http.PeerHttp peers,
    ActorRef<dci.actors.directory.Directory.Command> directory) {

  /** Where users' homes are: {@code DATA/home}. */
  Path homes() {
    return dataDir.resolve("home");
  }

  /** The temporary folder of move {@code id} on this blade: {@code DATA/home/.dci-move/ID}. */
  Path temp(String id) {
    return homes().resolve(".dci-move").resolve(id);
  }

  /** Where old homes wait for their deletion after a move: {@code DATA/home/.dci-trash} (emptied at start). */
  Path trash() {
    return homes().resolve(".dci-trash");
  }
}
