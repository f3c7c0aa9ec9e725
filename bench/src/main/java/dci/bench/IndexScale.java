package dci.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.tls.TlsBootstrap;
import dci.app.node.Cage;
import dci.storage.vnas.IndexStore;
import dci.storage.vnas.StripeRef;
import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasIndex;
import dci.storage.vnas.VnasPath;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The two ways to keep a blade's share of the location index, side by side in one JVM (issue 25):
 * {@link IndexStore} (rows on disk, a bounded page cache, group commit) and today's
 * {@link VnasIndex} (Distributed Data, whole shards merged and stored in LMDB on each change),
 * the latter on a cluster of three blades in this JVM with a blade's own Pekko configuration,
 * written through the first (so every change reaches all three, as in a cage). Each gets the same
 * kind of rows: FILES files spread over DIRS directories, then BIG in one directory, 64 changes
 * in flight. Prints, for each, the change rate of the first and last tenth, the live heap after
 * a full collection beyond what the JVM held before, and for the store the listing of the big
 * directory (first page, and all of it a page at a time).
 *
 * <p>Usage: {@code IndexScale FILES DIRS BIG DDATA_FILES DDATA_BIG WORK_DIR PORT}
 */
public final class IndexScale {
  private static final String HASH = "ab".repeat(32);
  private static final int IN_FLIGHT = 64;
  /** Blades of the Distributed Data cluster: every one holds (and stores) every row. */
  private static final int BLADES = 3;
  /** Rows written first (in other directories), so the figures are not a cold JIT's. */
  private static final int WARM = 20_000;

  private IndexScale() {}

  public static void main(String[] args) throws Exception {
    dci.app.Main.commonPool(); // as a blade: no thread per async stage on 2 cores
    int files = Integer.parseInt(args[0]);
    int dirs = Integer.parseInt(args[1]);
    int big = Integer.parseInt(args[2]);
    int ddataFiles = Integer.parseInt(args[3]);
    int ddataBig = Integer.parseInt(args[4]);
    Path work = Path.of(args[5]);
    int port = Integer.parseInt(args[6]);

    long base = liveHeap();
    ExecutorService io = Executors.newSingleThreadExecutor();
    IndexStore store = IndexStore.open(work.resolve("index.mv"), 16, io);
    write("store warm-up", WARM, 10, 0, "/warm", e -> store.apply(new IndexStore.Row(e.path(), e, e.version()))
        .thenApply(b -> null));
    Result s = write("store", files, dirs, big, "", e -> store.apply(new IndexStore.Row(e.path(), e, e.version()))
        .thenApply(b -> null));
    long storeHeap = liveHeap() - base;
    long commits = store.commits();
    VnasPath bigDir = VnasPath.parse("/big");
    long t0 = System.nanoTime();
    int firstPage = store.children(bigDir, null, 512).size();
    double firstMs = (System.nanoTime() - t0) / 1e6;
    int listed = 0;
    String after = null;
    for (List<VnasEntry> page = store.children(bigDir, null, 512); !page.isEmpty();
        page = store.children(bigDir, after, 512)) {
      listed += page.size();
      after = page.get(page.size() - 1).vnasPath().name();
    }
    double allS = (System.nanoTime() - t0) / 1e9;
    long fileMiB = Files.size(work.resolve("index.mv")) >> 20;
    store.close();
    io.shutdown();

    long base2 = liveHeap();
    List<ActorSystem<Void>> cluster = blades(work.resolve("blades"), port);
    VnasIndex index = new VnasIndex(cluster.get(0), Duration.ofSeconds(5), Duration.ofSeconds(20));
    write("ddata warm-up", WARM, 10, 0, "/warm", e -> index.put(e).thenApply(x -> null));
    Result d = write("ddata", ddataFiles, dirs, ddataBig, "", e -> index.put(e).thenApply(x -> null));
    long ddataHeap = (liveHeap() - base2) / BLADES;
    cluster.forEach(ActorSystem::terminate);

    double sr = s.last / s.first;
    System.out.printf("index-scale: IndexStore %d rows (%d dirs + %d in one): changes/s first tenth %.0f, last tenth"
            + " of the dirs %.0f, last (the big directory) %.0f (end/start %.2fx; target >= 0.8: %s), live heap %d MiB"
            + " (target < 256: %s), file %d MiB, %d commits; listing of %d: first page of %d in %.1f ms (target <= 1 s:"
            + " %s), all %d in %.2f s | Distributed Data index on %d blades, %d rows (%d in one): first tenth %.0f, last"
            + " of the dirs %.0f, last %.0f (%.2fx), live heap %d MiB a blade | last tenth IndexStore/DData %.1fx%n",
        s.rows, dirs, big, s.first, s.filesEnd, s.last, sr, sr >= 0.8 ? "met" : "MISSED", storeHeap >> 20,
        storeHeap < 256L << 20 ? "met" : "MISSED", fileMiB, commits, big, firstPage, firstMs,
        firstMs <= 1000 ? "met" : "MISSED", listed, allS, BLADES, d.rows, ddataBig, d.first, d.filesEnd, d.last,
        d.last / d.first, ddataHeap >> 20, s.last / d.last);
    System.exit(0);
  }

  /** Rates of the first tenth, of the last tenth before the big directory, and of the last tenth. */
  private record Result(long rows, double first, double filesEnd, double last) {}

  /** Writes the rows through {@code put}, IN_FLIGHT at a time; rates of the first and last tenth. */
  private static Result write(String name, int files, int dirs, int big, String under,
      Function<VnasEntry, CompletionStage<Void>> put) throws InterruptedException {
    int total = files + big;
    int tenth = Math.max(1, total / 10);
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<Double> rates = new ArrayList<>();
    long t = System.nanoTime();
    for (int i = 0; i < total; i++) {
      String path = under + (i < files ? String.format("/d%04d/f%d.bin", i % dirs, i) : "/big/b" + (i - files) + ".bin");
      slots.acquire();
      put.apply(new VnasEntry(path, false, 1024, 1, 1, 1, "application/octet-stream",
          List.of(new StripeRef(HASH, 1024)), null)).whenComplete((v, e) -> {
            if (e != null) {
              e.printStackTrace();
              System.exit(2);
            }
            slots.release();
          });
      if ((i + 1) % tenth == 0) {
        slots.acquire(IN_FLIGHT);
        slots.release(IN_FLIGHT);
        long now = System.nanoTime();
        rates.add(tenth / ((now - t) / 1e9));
        System.err.printf("index-scale: %s: %d rows, %.0f changes/s%n", name, i + 1, rates.get(rates.size() - 1));
        t = now;
      }
    }
    slots.acquire(IN_FLIGHT);
    return new Result(total, rates.get(0), rates.get(Math.max(0, Math.min(rates.size(), files / tenth) - 1)),
        rates.get(rates.size() - 1));
  }

  private static long liveHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * BLADES blades' Pekko in this JVM (a blade's configuration, mutual TLS, the LMDB durable store
   * with the index's keys), all Up, as a cage starts them.
   */
  private static List<ActorSystem<Void>> blades(Path dir, int port) throws InterruptedException {
    List<BladeSettings> plan = Cage.plan(BLADES, "127.0.0.1", port, 1, dir);
    List<ActorSystem<Void>> systems = new ArrayList<>();
    for (BladeSettings s : plan) {
      if (!s.formsCluster()) {
        Cage.enrol(s, plan.get(0).dataDir());
      }
      TlsBootstrap.prepare(s);
      Config config = ConfigFactory.parseString("pekko.cluster.distributed-data.durable.keys += \"dci-vnas-*\"")
          .withFallback(DciConfig.forBlade(s, DciConfig.base(null))).resolve();
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), BladeSettings.SYSTEM_NAME, config);
      org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData.get(system); // its replicator, as a blade starts it
      systems.add(system);
    }
    var first = Cluster.get(systems.get(0)).selfMember().address();
    systems.forEach(s -> Cluster.get(s).manager().tell(Join.create(first)));
    while (!systems.stream().allMatch(s -> countUp(s) == BLADES)) {
      Thread.sleep(50);
    }
    return systems;
  }

  private static int countUp(ActorSystem<Void> s) {
    int up = 0;
    for (var m : Cluster.get(s).state().getMembers()) {
      up += m.status() == MemberStatus.up() ? 1 : 0;
    }
    return up;
  }
}
