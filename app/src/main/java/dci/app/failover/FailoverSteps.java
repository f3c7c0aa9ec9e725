package dci.app.failover;

import dci.actors.directory.Directory;
import dci.hardware.body.Reading;
import dci.hardware.port.PeripheralSwitch;
import dci.hardware.port.PortRoute;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.storage.backup.BackupAgent;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.PeerChoice;
import dci.storage.backup.PeerRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** The fail-over's two pieces of real work: planning one (pure) and taking over (blocking). */
final class FailoverSteps {
  private FailoverSteps() {}

  /** The new record: detected, then decided (or failed when there is no spare). */
  static FailoverRecord plan(String id, String failed, String cause, boolean readable, Instant now, String coordinator,
      List<BladeInfo> blades, Set<String> suspects, Map<String, Reading> health, Map<String, String> marks,
      List<PortRoute> ports, BackupConfig backup, FailoverMethod configured) {
    List<String> users = ports.stream().filter(p -> p.blade().equals(failed)).map(PortRoute::user).sorted().toList();
    String dc = blades.stream().filter(b -> b.name().equals(failed)).map(BladeInfo::dataCenter).findFirst()
        .orElse("default");
    List<String> mirrorPeers = PeerChoice.peers(failed, dc, blades, backup);
    List<String> lostCages = new ArrayList<>();
    if (cause.contains("cage-power-off")) {
      FailoverPlan.cageOf(failed, health).ifPresent(lostCages::add);
    }
    suspects.forEach(s -> FailoverPlan.cageOf(s, health).filter(c -> !lostCages.contains(c)).ifPresent(c -> {
      if (health.values().stream().filter(r -> c.equals(r.cage())).allMatch(r -> suspects.contains(r.blade()))) {
        lostCages.add(c);
      }
    }));
    var spare = FailoverPlan.chooseSpare(failed, FailoverPlan.freeSpares(blades, marks, suspects), mirrorPeers, health,
        lostCages);
    FailoverRecord r = new FailoverRecord(id, failed, cause, null, null, users, "detected", coordinator, now, null,
        List.of(new FailoverRecord.Step(now, coordinator, "detected: " + cause)));
    if (users.isEmpty()) {
      return r.next("done", coordinator, now, coordinator, "no user's port is routed to " + failed + ": nothing to move");
    }
    if (spare.isEmpty()) {
      return r.next("failed", coordinator, now, coordinator, "no free spare to replace " + failed);
    }
    FailoverMethod method = FailoverPlan.method(readable, backup, mirrorPeers.contains(spare.get()), configured);
    FailoverRecord decided = new FailoverRecord(id, failed, cause, method, spare.get(), users, "detected", coordinator,
        now, null, r.steps());
    String next = method == FailoverMethod.from_backup ? "switching" : "copying";
    return decided.next(next, coordinator, now, coordinator, "decided: " + spare.get() + " replaces " + failed + " by "
        + method.name().replace('_', '-') + (lostCages.isEmpty() ? "" : " (cage " + lostCages + " lost power)")
        + " for " + String.join(", ", users));
  }

  /**
   * Plans the fail-over {@code id} of {@code failed} as the coordinator {@code fx.blade()} sees
   * the cluster: reads the port table and the failed blade's backup settings first.
   */
  static CompletionStage<FailoverRecord> plan(ActorSystem<?> system, FailoverContext fx, String id, String failed,
      String cause, boolean readable, Instant now, List<BladeInfo> blades, Set<String> suspects,
      Map<String, Reading> health, Map<String, String> marks) {
    CompletionStage<PeripheralSwitch.Table> ports = AskPattern.ask(fx.portSwitch(), PeripheralSwitch.ListPorts::new,
        java.time.Duration.ofSeconds(3), system.scheduler());
    return ports.thenCombine(fx.backupConfigs().get(), (table, configs) -> plan(id, failed, cause, readable, now,
        fx.blade(), blades, suspects, health, marks, table.routes(), configs.getOrDefault(failed, BackupConfig.DEFAULT),
        fx.settings().methodOf(failed)));
  }

  /** On the replacement: copy (Fig. 6) and restore; completes with what was done. */
  static CompletionStage<String> takeOver(ActorSystem<?> system, FailoverContext fx, FailoverRecord r,
      List<BladeInfo> blades) {
    java.util.function.Supplier<List<PeerRef>> peers = () -> upPeers(system, fx, r.failed(), blades);
    return fx.backupConfigs().get().thenApplyAsync(configs -> {
      BackupConfig config = configs.getOrDefault(r.failed(), BackupConfig.DEFAULT);
      ActorRef<BackupAgent.Command> failing = r.method() == FailoverMethod.copy_after_detection
          ? agentOf(system, r.failed()) : null;
      try {
        return Takeover.run(system, new Takeover.Job(r, config.rootOn(fx.dataDir()), peers, fx.client(),
            fx.parallelism(), failing, fx.settings().copyTimeout()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e.getMessage(), e);
      }
    }, fx.io());
  }

  /**
   * The blades other than {@code failed} that were Up in {@code known} (the takeover's view, its
   * suspects left out) and are still Up in the directory now (blocking, on the I/O executor);
   * {@code known}'s if the directory does not answer.
   */
  private static List<PeerRef> upPeers(ActorSystem<?> system, FailoverContext fx, String failed,
      List<BladeInfo> known) {
    List<BladeInfo> now;
    try {
      now = AskPattern.<Directory.Command, Directory.Blades>ask(fx.directory(), Directory.GetBlades::new,
          java.time.Duration.ofSeconds(3), system.scheduler()).toCompletableFuture().get(5, TimeUnit.SECONDS).blades();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      now = known;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      now = known;
    }
    // Up then (as this blade's fail-over saw them, suspects left out) and still Up now
    Set<String> upThen = known.stream().filter(b -> b.status() == BladeStatus.Up).map(BladeInfo::name)
        .collect(java.util.stream.Collectors.toSet());
    return now.stream().filter(b -> b.status() == BladeStatus.Up && b.api() != null && upThen.contains(b.name()))
        .filter(b -> !b.name().equals(failed)).map(b -> new PeerRef(b.name(), b.api())).toList();
  }

  private static ActorRef<BackupAgent.Command> agentOf(ActorSystem<?> system, String blade) {
    try {
      Receptionist.Listing l = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
          rt -> Receptionist.find(BackupAgent.key(blade), rt), java.time.Duration.ofSeconds(3), system.scheduler())
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      return l.getServiceInstances(BackupAgent.key(blade)).stream().findFirst().orElseThrow(() ->
          new IllegalStateException("the failing blade " + blade + " has no backup agent reachable"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot find the backup agent of " + blade + ": " + e);
    }
  }
}
