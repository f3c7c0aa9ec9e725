package dci.app.aims;

import com.fasterxml.jackson.databind.JavaType;
import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.hardware.ReplicatedMap;
import dci.protocol.Json;
import dci.protocol.aims.ComplianceReport;
import dci.protocol.aims.HostInventory;
import dci.protocol.aims.HostLogLine;
import dci.protocol.aims.HostLogs;
import dci.protocol.aims.InventoryRow;
import dci.protocol.aims.LogsAnswer;
import dci.protocol.aims.QuarantineRow;
import dci.protocol.aims.PolicyDoc;
import dci.protocol.aims.Quarantined;
import dci.protocol.api.Since;
import dci.protocol.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * AIMS's routes: {@code /api/aims/policy} (GET viewers, PUT admins: YAML), {@code inventory},
 * {@code check} and {@code logs} across the blades {@code ?on=} names (operators),
 * {@code quarantine} (operators), and the blade-to-blade {@code /internal/aims/*} each of them
 * fans out to. Alert rules and alerts are {@link AlertRoutes}.
 */
final class AimsRoutes extends AllDirectives {
  private final Gate gate;
  private final AimsHost host;
  private final Fleet fleet;
  private final ReplicatedMap<PolicyDoc> policies;
  private final AimsSettings settings;

  AimsRoutes(FeatureContext c, AimsHost host, Fleet fleet, ReplicatedMap<PolicyDoc> policies, AimsSettings settings) {
    this.gate = c.gate();
    this.host = host;
    this.fleet = fleet;
    this.policies = policies;
    this.settings = settings;
  }

  Route api() {
    return pathPrefix("aims", () -> concat(
        path("policy", () -> concat(
            get(() -> gate.authorized(Role.VIEWER, who -> policies.allFromMajority().thenApply(m ->
                m.containsKey(AimsHost.POLICY) ? Responses.ok(m.get(AimsHost.POLICY))
                    : Responses.error(StatusCodes.NOT_FOUND, "no policy is set: dci aims policy set FILE")))),
            put(() -> withSizeLimit(Policy.MAX_BYTES, () -> gate.authorizedText(Role.ADMIN, (who, yaml) -> {
              try {
                Policy.parse(yaml);
              } catch (IllegalArgumentException e) {
                return done(Responses.badRequest(e.getMessage()));
              }
              PolicyDoc doc = new PolicyDoc(yaml, who.user(), host.clock().instant());
              return policies.put(AimsHost.POLICY, doc).thenApply(Responses::ok);
            }))))),
        path("inventory", () -> get(() -> parameterOptional("on", on -> gate.authorized(Role.OPERATOR, who ->
            across(on, "inventory", HostInventory.class, host::inventory, rows -> rows.stream()
                .map(a -> new InventoryRow(a.blade(), a.value(), a.error())).toList()))))),
        path("check", () -> get(() -> parameterOptional("on", on -> gate.authorized(Role.VIEWER, who ->
            policies.allFromMajority().thenCompose(m -> {
              PolicyDoc doc = m.get(AimsHost.POLICY);
              return across(on, "check", ComplianceReport.Blade.class, () -> host.check(doc), rows ->
                  new ComplianceReport(host.clock().instant(), doc == null ? null : doc.setAt(), rows.stream()
                      .map(a -> a.value() != null ? a.value() : new ComplianceReport.Blade(a.blade(), List.of(),
                          a.error())).toList()));
            }))))),
        path("logs", () -> get(this::logsRoute)),
        path("quarantine", () -> get(() -> parameterOptional("on", on -> gate.authorized(Role.OPERATOR, who ->
            across(on, "quarantine", Quarantined.class, List.class, host::quarantined, rows -> rows.stream()
                .map(a -> new QuarantineRow(a.blade(), a.value(), a.error())).toList())))))));
  }

  private Route logsRoute() {
    return parameterOptional("on", on -> parameterOptional("grep", grep -> parameterOptional("since", since ->
        parameterOptional("unit", unit -> parameterOptional("limit", limit -> parameterOptional("stream", stream ->
            gate.authorized(Role.OPERATOR, who -> logs(on, grep, since, unit, limit,
                stream.map("true"::equals).orElse(false)))))))));
  }

  Route internal() {
    return pathPrefix(PathMatchers.segment("internal").slash("aims"), () -> concat(
        path("inventory", () -> get(() -> gate.authorizedInternal(who -> host.inventory().thenApply(Responses::ok)))),
        path("check", () -> get(() -> gate.authorizedInternal(who -> policies.allFromMajority()
            .thenCompose(m -> host.check(m.get(AimsHost.POLICY))).thenApply(Responses::ok)))),
        path("quarantine", () -> get(() -> gate.authorizedInternal(who ->
            host.quarantined().thenApply(Responses::ok)))),
        path("logs", () -> get(() -> parameterOptional("grep", grep -> parameter("since", since ->
            parameterOptional("unit", unit -> parameter("limit", limit -> gate.authorizedInternal(who -> {
              LogQuery q;
              try {
                q = LogQuery.of(grep.orElse(null), Instant.ofEpochMilli(Long.parseLong(since)), unit.orElse(null),
                    Integer.parseInt(limit));
              } catch (IllegalArgumentException e) {
                return done(Responses.badRequest(e.getMessage()));
              }
              return host.logs(q).thenApply(Responses::ok);
            })))))))));
  }

  private CompletionStage<HttpResponse> logs(Optional<String> on, Optional<String> grep, Optional<String> since,
      Optional<String> unit, Optional<String> limit, boolean stream) {
    LogQuery q;
    try {
      Instant from = host.clock().instant().minus(since.map(Since::parse).orElse(Duration.ofHours(1)));
      q = LogQuery.of(grep.orElse(null), from, unit.orElse(null),
          limit.map(Integer::parseInt).orElse(settings.logLimit()));
    } catch (IllegalArgumentException e) {
      return done(Responses.badRequest(e.getMessage()));
    }
    String query = "logs?since=" + q.since().toEpochMilli() + "&limit=" + q.limit()
        + (q.grepText() == null ? "" : "&grep=" + enc(q.grepText())) + (q.unit() == null ? "" : "&unit=" + enc(q.unit()));
    if (stream) {
      return fleet.targets(on.orElse("all"))
          .thenApply(blades -> LogStream.of(fleet, blades, query, () -> host.logs(q), settings.askTimeout()))
          .exceptionally(e -> Responses.badRequest(String.valueOf(e.getCause() != null ? e.getCause().getMessage()
              : e.getMessage())));
    }
    return across(on, query, HostLogs.class, () -> host.logs(q), rows -> {
      List<HostLogs> blades = rows.stream().map(a -> a.value() != null ? a.value()
          : new HostLogs(a.blade(), null, List.of(), false, a.error())).toList();
      List<HostLogLine> merged = new ArrayList<>();
      blades.forEach(b -> merged.addAll(b.lines()));
      merged.sort(Comparator.comparing(HostLogLine::at).thenComparing(HostLogLine::blade));
      return new LogsAnswer(merged, blades.stream().map(b -> new HostLogs(b.blade(), b.source(), List.of(), b.capped(),
          b.error())).toList());
    });
  }

  private <T, R> CompletionStage<HttpResponse> across(Optional<String> on, String pathAndQuery, Class<T> type,
      java.util.function.Supplier<CompletionStage<T>> local, Function<List<Fleet.Answer<T>>, R> shape) {
    return across(on, pathAndQuery, Json.mapper().getTypeFactory().constructType(type), local, shape);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private <T, R> CompletionStage<HttpResponse> across(Optional<String> on, String pathAndQuery, Class<T> element,
      Class<List> list, java.util.function.Supplier<CompletionStage<List<T>>> local,
      Function<List<Fleet.Answer<List<T>>>, R> shape) {
    JavaType t = Json.mapper().getTypeFactory().constructCollectionType(List.class, element);
    return across(on, pathAndQuery, t, (java.util.function.Supplier) local, (Function) shape);
  }

  private <T, R> CompletionStage<HttpResponse> across(Optional<String> on, String pathAndQuery, JavaType type,
      java.util.function.Supplier<CompletionStage<T>> local, Function<List<Fleet.Answer<T>>, R> shape) {
    return fleet.targets(on.orElse("all"))
        .thenCompose(blades -> fleet.ask(blades, pathAndQuery, type, local, settings.askTimeout()))
        .thenApply(rows -> Responses.ok(shape.apply(rows)))
        .exceptionally(e -> {
          Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
          if (c instanceof IllegalArgumentException) {
            return Responses.badRequest(c.getMessage());
          }
          return Responses.error(StatusCodes.SERVICE_UNAVAILABLE, String.valueOf(c.getMessage()));
        });
  }

  private static String enc(String v) {
    return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
