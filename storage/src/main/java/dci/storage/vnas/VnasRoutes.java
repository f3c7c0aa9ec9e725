package dci.storage.vnas;

import dci.actors.feature.FeatureContext;
import dci.actors.http.Gate;
import dci.actors.http.Responses;
import dci.protocol.auth.Role;
import dci.protocol.vnas.Df;
import dci.protocol.vnas.DrainRequest;
import dci.protocol.vnas.DrainStatus;
import dci.protocol.vnas.KeeperPass;
import dci.protocol.vnas.LsEntry;
import dci.protocol.vnas.ScrubReport;
import dci.protocol.vnas.StatView;
import dci.storage.vnas.Keeper;
import dci.storage.vnas.StoreInfo;
import dci.storage.vnas.StripeClient;
import dci.storage.vnas.StripeFiles;
import dci.storage.vnas.StripeRef;
import dci.storage.vnas.StripeStore;
import dci.storage.vnas.Vnas;
import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The volume's API: {@code /api/vnas/{stat,ls,df,drain,scrub,keeper,rules}} (JSON), and the
 * blade-to-blade stripe transfers under {@code /internal/stripes/ID}.
 */
final class VnasRoutes extends AllDirectives {
  private static final long MAX_STRIPE = 80L * 1024 * 1024;
  private final Gate api;
  private final ActorSystem<?> system;
  private final Vnas vnas;
  private final java.util.concurrent.atomic.AtomicLong servedBytes = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong servedStripes = new java.util.concurrent.atomic.AtomicLong();

  VnasRoutes(FeatureContext c, Vnas vnas) {
    this.api = c.gate();
    this.system = c.system();
    this.vnas = vnas;
  }

  Route apiRoutes() {
    return pathPrefix("vnas", () -> concat(
        path("stat", () -> get(() -> parameter("path", p -> api.authorized(Role.VIEWER, who -> stat(p))))),
        path("ls", () -> get(() -> parameterOptional("path", p ->
            api.authorized(Role.VIEWER, who -> ls(p.orElse("/")))))),
        path("df", () -> get(() -> api.authorized(Role.VIEWER, who -> df()))),
        path("drain", () -> concat(
            get(() -> parameter("blade", b -> api.authorized(Role.VIEWER, who -> drainStatus(b)))),
            post(() -> api.authorizedText(Role.ADMIN, (who, text) -> drain(text))))),
        path("scrub", () -> post(() -> api.authorized(Role.ADMIN, who -> scrub()))),
        path("keeper", () -> post(() -> api.authorized(Role.ADMIN, who -> keeperPass()))),
        new RuleRoutes(api, vnas.volume()).route()));
  }

  Route internalRoutes() {
    return pathPrefix("internal", () -> path(PathMatchers.segment("stripes").slash(PathMatchers.segment()), hash ->
        concat(
            get(() -> api.authorizedInternal(who -> fetch(hash))),
            put(() -> parameterOptional("then", then -> withSizeLimit(MAX_STRIPE, () -> extractDataBytes(data ->
                api.authorizedInternal(who -> data.runFold(org.apache.pekko.util.ByteString.emptyByteString(),
                        org.apache.pekko.util.ByteString::concat, system)
                    .thenCompose(bytes -> store(hash, bytes.compact(), then.orElse("")))))))),
            delete(() -> api.authorizedInternal(who -> drop(hash))))));
  }

  // ---- stripes between blades

  /**
   * Stores a stripe sent by another blade; {@code then} (comma-separated blade names) asks this
   * blade to pass it on to them, one after the other, at the same time (pipelined replication),
   * and to name those that stored it in {@link StripeClient#STORED_HEADER}.
   */
  private CompletionStage<HttpResponse> store(String hash, org.apache.pekko.util.ByteString bytes, String then) {
    if (!validHash(hash)) {
      return CompletableFuture.completedFuture(Responses.badRequest("a stripe id is 64 lower-case hex digits"));
    }
    List<String> next = new ArrayList<>();
    try {
      for (String b : then.split(",")) {
        if (!b.isBlank()) {
          next.add(dci.protocol.auth.Names.requireBladeName(b.trim()));
        }
      }
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest("then: " + e.getMessage()));
    }
    CompletionStage<List<String>> passed = next.isEmpty() ? CompletableFuture.completedFuture(List.of())
        : vnas.volume().stripes().passOn(next, hash, bytes);
    return AskPattern.<StripeStore.Command, StripeStore.StoreResult>ask(vnas.store(),
            r -> new StripeStore.Store(hash, bytes, r), Duration.ofSeconds(60), system.scheduler())
        .thenCombine(passed, (res, on) -> {
          HttpResponse rsp;
          if (res instanceof StripeStore.Stored) {
            rsp = HttpResponse.create().withStatus(StatusCodes.CREATED);
          } else {
            StripeStore.Refused f = (StripeStore.Refused) res;
            rsp = Responses.error(f.full() ? StatusCodes.INSUFFICIENT_STORAGE : StatusCodes.BAD_REQUEST, f.reason());
          }
          return on.isEmpty() ? rsp : rsp.addHeader(org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
              StripeClient.STORED_HEADER, String.join(",", on)));
        });
  }

  private CompletionStage<HttpResponse> fetch(String hash) {
    if (!validHash(hash)) {
      return CompletableFuture.completedFuture(Responses.badRequest("a stripe id is 64 lower-case hex digits"));
    }
    return vnas.volume().stripes().fetchLocal(hash).thenApply(res -> {
      if (res instanceof StripeStore.Found f) {
        servedBytes.addAndGet(f.bytes().size());
        servedStripes.incrementAndGet();
        return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, f.bytes()))
            .addHeader(org.apache.pekko.http.javadsl.model.headers.RawHeader.create(StripeClient.CRC_HEADER,
                String.format("%08x", StripeFiles.crc32c(f.bytes()))));
      }
      return Responses.error(res instanceof StripeStore.Corrupt ? StatusCodes.GONE : StatusCodes.NOT_FOUND,
          "stripe " + hash + (res instanceof StripeStore.Corrupt ? " is corrupt here" : " is not held here"));
    });
  }

  private CompletionStage<HttpResponse> drop(String hash) {
    if (!validHash(hash)) {
      return CompletableFuture.completedFuture(Responses.badRequest("a stripe id is 64 lower-case hex digits"));
    }
    return AskPattern.<StripeStore.Command, org.apache.pekko.Done>ask(vnas.store(),
            r -> new StripeStore.Drop(hash, r), Duration.ofSeconds(30), system.scheduler())
        .thenApply(d -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT));
  }

  private static boolean validHash(String hash) {
    try {
      StripeRef.requireHash(hash);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ---- operator views

  /** Parses {@code p} (400 if invalid), looks it up (404 if absent), then answers with {@code found}. */
  private CompletionStage<HttpResponse> lookup(String p,
      java.util.function.BiFunction<VnasPath, VnasEntry, CompletionStage<HttpResponse>> found) {
    VnasPath path;
    try {
      path = VnasPath.parseClient(p);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    return vnas.volume().stat(path).thenCompose(entry -> entry.isEmpty()
        ? CompletableFuture.completedFuture(Responses.error(StatusCodes.NOT_FOUND, "no such path: " + path))
        : found.apply(path, entry.get()));
  }

  private CompletionStage<HttpResponse> stat(String p) {
    return lookup(p, (path, e) -> {
      // each stripe's holders, looked up one by one (not the whole volume's)
      List<CompletableFuture<Set<String>>> each = new ArrayList<>();
      e.stripes().forEach(s -> each.add(vnas.volume().index().holders(s.hash()).toCompletableFuture()));
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> {
        List<StatView.Stripe> stripes = new ArrayList<>();
        for (int i = 0; i < e.stripes().size(); i++) {
          StripeRef s = e.stripes().get(i);
          stripes.add(new StatView.Stripe(i, s.hash(), s.size(), each.get(i).join().stream().sorted().toList()));
        }
        return Responses.ok(new StatView(e.path(), e.collection(), e.size(), e.version(), e.etag(), e.contentType(),
            e.created(), e.modified(), stripes));
      });
    });
  }

  private CompletionStage<HttpResponse> ls(String p) {
    return lookup(p, (path, e) -> {
      if (!e.collection()) {
        return CompletableFuture.completedFuture(Responses.ok(List.of(
            new LsEntry(path.name(), e.path(), false, e.size(), e.version(), e.modified()))));
      }
      return vnas.volume().index().children(path).thenApply(children -> Responses.ok(children.stream()
          .map(c -> new LsEntry(c.vnasPath().name(), c.path(), c.collection(), c.size(), c.version(), c.modified()))
          .toList()));
    });
  }

  private CompletionStage<HttpResponse> df() {
    return vnas.volume().index().stores().thenCombine(vnas.volume().index().draining(), (stores, draining) -> {
      Set<String> up = vnas.live().up();
      Map<String, StoreInfo> sorted = new TreeMap<>(stores);
      List<Df.Row> rows = new ArrayList<>();
      long c = 0;
      long u = 0;
      for (StoreInfo s : sorted.values()) {
        rows.add(new Df.Row(s.blade(), up.contains(s.blade()) ? "Up" : "Unreachable", s.contributed(), s.used(),
            s.free(), s.stripes(), draining.contains(s.blade())));
        if (up.contains(s.blade())) {
          c += s.contributed();
          u += s.used();
        }
      }
      return Responses.ok(new Df(rows, c, u, Math.max(0, c - u),
          new Df.Served(vnas.volume().stripes().self(), servedBytes.get(), servedStripes.get()),
          new Df.Sent(vnas.volume().stripes().client().sentBytes(), vnas.volume().stripes().client().sentStripes())));
    });
  }

  private CompletionStage<HttpResponse> drain(String body) {
    DrainRequest req;
    try {
      req = dci.protocol.Json.parse(body, DrainRequest.class);
      dci.protocol.auth.Names.requireBladeName(req.blade());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    boolean on = req.stop() == null || !req.stop();
    return vnas.volume().index().stores().thenCompose(stores -> {
      if (!stores.containsKey(req.blade())) {
        return CompletableFuture.completedFuture(
            Responses.error(StatusCodes.NOT_FOUND, "no blade " + req.blade() + " contributes to the volume"));
      }
      return vnas.volume().index().setDraining(req.blade(), on).thenCompose(d -> drainStatus(req.blade()));
    });
  }

  private CompletionStage<HttpResponse> drainStatus(String blade) {
    var index = vnas.volume().index();
    return index.all().thenCombine(index.allHolders(), (entries, holders) -> {
      Set<String> referenced = new java.util.HashSet<>();
      entries.forEach(e -> e.stripes().forEach(s -> referenced.add(s.hash())));
      int remaining = 0;
      for (String h : referenced) {
        if (holders.getOrDefault(h, Set.of()).contains(blade)) {
          remaining++;
        }
      }
      return remaining;
    }).thenCombine(index.draining(), (remaining, draining) ->
        Responses.ok(new DrainStatus(blade, draining.contains(blade), remaining)));
  }

  private CompletionStage<Set<ActorRef<Keeper.Command>>> keepers() {
    return AskPattern.<org.apache.pekko.actor.typed.receptionist.Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(), r -> Receptionist.find(Keeper.KEY, r), Duration.ofSeconds(5), system.scheduler())
        .thenApply(l -> l.getServiceInstances(Keeper.KEY));
  }

  private CompletionStage<HttpResponse> scrub() {
    return keepers().thenCompose(ks -> {
      List<CompletableFuture<Keeper.ScrubResult>> all = ks.stream().map(k ->
          AskPattern.<Keeper.Command, Keeper.ScrubResult>ask(k, Keeper.Scrub::new, Duration.ofMinutes(30),
              system.scheduler()).toCompletableFuture()).toList();
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
        List<Keeper.ScrubResult> rows = all.stream().map(CompletableFuture::join)
            .sorted(java.util.Comparator.comparing(Keeper.ScrubResult::blade)).toList();
        return Responses.ok(new ScrubReport(
            rows.stream().mapToInt(Keeper.ScrubResult::checked).sum(),
            rows.stream().mapToInt(Keeper.ScrubResult::corrupt).sum(),
            rows.stream().mapToInt(Keeper.ScrubResult::missing).sum(),
            rows.stream().mapToInt(Keeper.ScrubResult::repaired).sum(),
            rows.stream().map(r -> new ScrubReport.Blade(r.blade(), r.checked(), r.corrupt(), r.missing(),
                r.repaired(), r.unrepaired())).toList()));
      });
    });
  }

  private CompletionStage<HttpResponse> keeperPass() {
    return keepers().thenCompose(ks -> {
      List<CompletableFuture<Keeper.PassReport>> all = ks.stream().map(k ->
          AskPattern.<Keeper.Command, Keeper.PassReport>ask(k, Keeper.RunPass::new, Duration.ofMinutes(5),
              system.scheduler()).toCompletableFuture()).toList();
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> Responses.ok(
          all.stream().map(CompletableFuture::join).sorted(java.util.Comparator.comparing(Keeper.PassReport::blade))
              .map(r -> new KeeperPass(r.blade(), r.stripes(), r.copied(), r.refetched(), r.dropped(), r.forgotten(),
                  r.underReplicated(), r.unavailable(), r.refusedFull()))
              .toList()));
    });
  }
}
