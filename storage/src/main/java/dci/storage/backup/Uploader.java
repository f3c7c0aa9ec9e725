package dci.storage.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers a run's chunks into packs of about {@link #PACK_BYTES} and sends each pack to every
 * peer, only the chunks that peer lacks, in the background while reading goes on (a few packs
 * at once); a pack is acknowledged when the peer has written it durably. A peer that fails is
 * dropped from the run (it catches up by peersync later).
 */
final class Uploader {
  static final int PACK_BYTES = 4 * 1024 * 1024;
  private static final int IN_FLIGHT = 4;

  private final PeerClient client;
  private final List<PeerRef> peers;
  private final ExecutorService pool;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Map<String, String> failed = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> added = new ConcurrentHashMap<>();
  private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
  private final List<CompletableFuture<Void>> pending = new ArrayList<>();
  private List<ChunkRecord> buffer = new ArrayList<>();
  private long buffered;

  Uploader(PeerClient client, List<PeerRef> peers, ExecutorService pool) {
    this.client = client;
    this.peers = peers;
    this.pool = pool;
    peers.forEach(p -> added.put(p.name(), new AtomicLong()));
  }

  /** Queues a chunk (once per run); sends a pack when enough is queued. */
  void add(ChunkRecord r) {
    if (!seen.add(r.hash())) {
      return;
    }
    List<ChunkRecord> full = null;
    synchronized (this) {
      buffer.add(r);
      buffered += r.size();
      if (buffered >= PACK_BYTES) {
        full = buffer;
        buffer = new ArrayList<>();
        buffered = 0;
      }
    }
    if (full != null) {
      send(full);
    }
  }

  /** Sends what is still queued; returns the peers that hold every chunk of the run. */
  List<PeerRef> finish() {
    List<ChunkRecord> rest;
    synchronized (this) {
      rest = buffer;
      buffer = new ArrayList<>();
      buffered = 0;
    }
    if (!rest.isEmpty()) {
      send(rest);
    }
    awaitSent();
    return peers.stream().filter(p -> !failed.containsKey(p.name())).toList();
  }

  Map<String, String> failures() {
    return failed;
  }

  /** Bytes the peers did not hold before (the most any one peer stored). */
  long newBytes() {
    return added.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
  }

  /** Sends a pack to every peer in the background; at most {@link #IN_FLIGHT} packs at once. */
  private void send(List<ChunkRecord> pack) {
    if (failed.size() == peers.size()) {
      throw new BackupException("no peer blade took the backup: " + failed);
    }
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackupException("backup interrupted");
    }
    List<String> hashes = pack.stream().map(ChunkRecord::hash).toList();
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (PeerRef p : peers) {
      if (failed.containsKey(p.name())) {
        continue;
      }
      sends.add(CompletableFuture.runAsync(() -> {
        try {
          Set<String> lacking = Set.copyOf(client.missing(p.api(), hashes));
          List<ChunkRecord> out = pack.stream().filter(c -> lacking.contains(c.hash())).toList();
          if (!out.isEmpty()) {
            added.get(p.name()).addAndGet(client.putPack(p.api(), out).bytes());
          }
        } catch (IOException | RuntimeException e) {
          failed.putIfAbsent(p.name(), String.valueOf(e.getMessage()));
        }
      }, pool));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> inFlight.release());
    synchronized (pending) {
      pending.add(all);
    }
  }

  private void awaitSent() {
    List<CompletableFuture<Void>> now;
    synchronized (pending) {
      now = List.copyOf(pending);
      pending.clear();
    }
    CompletableFuture.allOf(now.toArray(CompletableFuture[]::new)).join();
    if (failed.size() == peers.size()) {
      throw new BackupException("no peer blade took the backup: " + failed);
    }
  }
}
