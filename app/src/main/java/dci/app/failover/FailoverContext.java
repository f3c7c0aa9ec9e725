package dci.app.failover;

import dci.actors.directory.Directory;
import dci.actors.http.PeerHttp;
import dci.actors.log.MessageLog;
import dci.hardware.port.PeripheralSwitch;
import dci.protocol.BladeInfo;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.PeerClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a blade's fail-over actor works with.
 *
 * @param downing downs a blade confirmed lost in the cluster (so membership converges at once)
 * @param backupConfigs every blade's backup settings, read from a majority
 * @param peers the blade's client for calls to other blades (its health probes)
 */
public record FailoverContext(String blade, Path dataDir, FailoverSettings settings,
    ActorRef<Directory.Command> directory, ActorRef<PeripheralSwitch.Command> portSwitch,
    ActorRef<MessageLog.Command> log, Supplier<CompletionStage<Map<String, BackupConfig>>> backupConfigs,
    PeerClient client, PeerHttp peers, int parallelism, Executor io, DeskHolds holds, Consumer<BladeInfo> downing) {}
