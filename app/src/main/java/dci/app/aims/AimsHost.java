package dci.app.aims;

import dci.app.packages.Packages;
import dci.hardware.ReplicatedMap;
import dci.protocol.aims.ComplianceReport;
import dci.protocol.aims.HostInventory;
import dci.protocol.aims.HostLogs;
import dci.protocol.aims.PolicyDoc;
import dci.protocol.aims.Quarantined;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * This blade's part of every AIMS question: its inventory, its check against the cluster's
 * policy, its system log, its quarantine. The host's tools run on the I/O executor.
 */
final class AimsHost {
  static final String POLICY = "policy";
  private final String blade;
  private final HostReader reader;
  private final SystemLog systemLog;
  private final Quarantine quarantine;
  private final ReplicatedMap<PolicyDoc> policies;
  private final Executor io;
  private final Clock clock;

  AimsHost(String blade, Path dataDir, AimsSettings settings, Path received, ReplicatedMap<PolicyDoc> policies,
      Executor io, Clock clock, Packages packages) {
    this.blade = blade;
    this.reader = new HostReader(blade, settings.procRoot(), settings.initDir(), () -> packages == null ? List.<HostInventory.Item>of()
        : packages.installed().stream().map(p -> new HostInventory.Item(p.name(), p.version().toString())).toList(),
        clock);
    this.systemLog = new SystemLog(blade, settings.logFiles(), received, clock);
    this.quarantine = new Quarantine(dataDir.resolve("aims").resolve("quarantine"));
    this.policies = policies;
    this.io = io;
    this.clock = clock;
  }

  String blade() {
    return blade;
  }

  Quarantine quarantine() {
    return quarantine;
  }

  /** The cluster's policy as this blade knows it, parsed (empty: none set). */
  CompletionStage<Optional<PolicyDoc>> policy() {
    return policies.all().thenApply(m -> Optional.ofNullable(m.get(POLICY)));
  }

  CompletionStage<HostInventory> inventory() {
    return policy().thenCompose(doc -> CompletableFuture.supplyAsync(() ->
        reader.read(HostReader.Need.ALL.withModuleVersions(
            doc.map(d -> Policy.parse(d.yaml())).orElse(Policy.EMPTY).versionedModules())), io));
  }

  /** This blade against {@code doc} (the caller's copy of the policy, so all blades check the same one). */
  CompletionStage<ComplianceReport.Blade> check(PolicyDoc doc) {
    Policy p = doc == null ? Policy.EMPTY : Policy.parse(doc.yaml());
    return CompletableFuture.supplyAsync(() -> {
      HostInventory inv = reader.read(p.need());
      return new ComplianceReport.Blade(blade, PolicyCheck.violations(p, inv), null);
    }, io);
  }

  CompletionStage<HostLogs> logs(LogQuery q) {
    return CompletableFuture.supplyAsync(() -> systemLog.read(q), io);
  }

  CompletionStage<List<Quarantined>> quarantined() {
    return CompletableFuture.supplyAsync(quarantine::list, io);
  }

  Clock clock() {
    return clock;
  }
}
