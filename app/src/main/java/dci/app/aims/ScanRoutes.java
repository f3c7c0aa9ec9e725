package dci.app.aims;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.Json;
import dci.protocol.aims.ScanReport;
import dci.protocol.aims.ScanRequest;
import dci.protocol.auth.Role;
import dci.storage.vnas.VnasPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /api/aims/scan} (operators): the desk homes of the blades {@code on} names, scanned
 * now (each blade through {@code /internal/aims/scan-homes}), and a VNAS folder queued again for
 * this blade's scanner.
 */
final class ScanRoutes extends AllDirectives {
  private final Gate gate;
  private final ActorSystem<?> system;
  private final Fleet fleet;
  private final ActorRef<InfectionScanner.Command> scanner;
  private final HomeScan homes;
  private final Duration timeout;
  private final java.util.concurrent.Executor io;
  private final String blade;

  ScanRoutes(FeatureContext c, Fleet fleet, ActorRef<InfectionScanner.Command> scanner, HomeScan homes,
      Duration timeout) {
    this.gate = c.gate();
    this.system = c.system();
    this.fleet = fleet;
    this.scanner = scanner;
    this.homes = homes;
    this.timeout = timeout;
    this.io = c.io();
    this.blade = c.blade();
  }

  Route api() {
    return path(PathMatchers.segment("aims").slash("scan"), () -> post(() ->
        gate.authorizeJson(Role.OPERATOR, ScanRequest.class, (who, req) -> {
          VnasPath root;
          try {
            if (req.on() == null && req.vnas() == null) {
              throw new IllegalArgumentException("say what to scan: on (the blades whose homes) and/or vnas (a folder)");
            }
            root = req.vnas() == null ? null : VnasPath.parseClient(req.vnas());
          } catch (IllegalArgumentException e) {
            return complete(Responses.badRequest(e.getMessage()));
          }
          return completeWithFuture(scan(req.on(), root).thenApply(Responses::ok).exceptionally(e ->
              Responses.badRequest(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()))));
        })));
  }

  Route internal() {
    return path(PathMatchers.segment("internal").slash("aims").slash("scan-homes"), () -> post(() ->
        gate.authorizedInternal(who -> CompletableFuture.supplyAsync(homes::run, io).thenApply(Responses::ok))));
  }

  private CompletionStage<List<ScanReport>> scan(String on, VnasPath root) {
    CompletionStage<List<ScanReport>> home = on == null ? CompletableFuture.completedFuture(List.of())
        : fleet.targets(on).thenCompose(blades -> fleet.ask(blades, "scan-homes", java.util.Map.of(),
            Json.mapper().constructType(ScanReport.class), () -> CompletableFuture.supplyAsync(homes::run, io), timeout))
            .thenApply(rows -> rows.stream().map(a -> a.value() != null ? a.value()
                : new ScanReport(a.blade(), "homes", 0, List.of(), a.error())).toList());
    CompletionStage<List<ScanReport>> vnas = root == null ? CompletableFuture.completedFuture(List.of())
        : AskPattern.<InfectionScanner.Command, Integer>ask(scanner, r -> new InfectionScanner.Sweep(root, r),
            Duration.ofMinutes(2), system.scheduler())
            .thenApply(n -> List.of(new ScanReport(blade, "vnas " + root, n, List.of(), null)));
    return home.thenCombine(vnas, (a, b) -> {
      List<ScanReport> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    });
  }
}
