package dci.storage.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One backup run of a blade: scans its root, reads what changed since the parent archive
 * (size, time or mode differ), cuts it into chunks, sends the chunks its peers lack, then
 * stores the archive's manifest on every peer that took them. Blocking; runs on I/O threads.
 */
public final class BackupRun {
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final int ATTEMPTS = 3;

  /** Everything a run needs. */
  public record Job(String source, java.nio.file.Path root, BackupConfig config, BackupMethod method,
      List<PeerRef> peers, PeerClient client, StateCache state, JobProgress progress, Clock clock, int parallelism) {}

  /** The archive made (null when a mirror pass found nothing new) and what was left out. */
  public record Result(Archive archive, List<String> warnings) {}

  private final Job job;
  /** Warnings found before the files are read (entries of the history ignored). */
  private final List<String> notes = new ArrayList<>();

  public BackupRun(Job job) {
    this.job = job;
  }

  public static String newId(Instant time) {
    return ID.format(time) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  public Result run() throws IOException {
    Instant started = job.clock().instant();
    JobProgress progress = job.progress();
    progress.phase("scanning");
    TreeScanner.Scan scan = TreeScanner.scan(job.root(), job.config());
    if (job.peers().isEmpty()) {
      throw new BackupException("no peer blade is available to hold the backup of " + job.source());
    }
    CatalogView catalog = CatalogView.gather(job.client(), job.source(), job.peers());
    List<PeerRef> live = job.peers().stream().filter(p -> !catalog.unreachable().contains(p.name())).toList();
    if (live.isEmpty()) {
      throw new BackupException("none of the peer blades " + job.peers().stream().map(PeerRef::name).toList()
          + " is reachable");
    }
    List<Archive> history = catalog.archives();
    Archive parent = history.isEmpty() ? null : history.get(history.size() - 1);
    if (parent != null && !started.isAfter(parent.time())) {
      started = parent.time().plusMillis(1);  // archives are ordered by time: a child is always later
    }
    Map<String, ArchiveFile> view = job.state().load(parent == null ? null : parent.id());
    if (view == null) {
      progress.phase("reading the catalog");
      List<Manifest> all = new ArrayList<>();
      for (Archive a : history) {
        all.add(catalog.manifest(job.client(), a.id()));
      }
      view = TreeView.fold(all);
    }
    if (view.keySet().stream().anyMatch(p -> !SafePaths.isSafe(p))) {
      // a catalog tampered with on the peers: such a path was never in the tree; carrying it on
      // (as a deletion) would make every peer refuse this archive and every one after it
      Map<String, ArchiveFile> clean = new TreeMap<>(view);
      for (String p : view.keySet()) {
        if (!SafePaths.isSafe(p)) {
          clean.remove(p);
          notes.add("the earlier archives name an unsafe path, ignored: " + SafePaths.printable(p));
        }
      }
      view = clean;
    }
    List<TreeScanner.Found> changed = new ArrayList<>();
    for (TreeScanner.Found f : scan.files().values()) {
      ArchiveFile prev = view.get(f.path());
      if (prev == null || prev.size() != f.size() || prev.mtime() != f.mtime()
          || !java.util.Objects.equals(prev.mode(), f.mode())) {
        changed.add(f);
        progress.filesTotal.incrementAndGet();
        progress.bytesTotal.addAndGet(f.size());
      }
    }
    List<String> deletedPaths = view.keySet().stream().filter(p -> !scan.files().containsKey(p)).toList();
    if (job.method() == BackupMethod.mirror && changed.isEmpty() && deletedPaths.isEmpty()) {
      return new Result(null, List.of());
    }
    progress.phase("backing up");
    ExecutorService net = Executors.newCachedThreadPool(daemon("backup-net"));
    try {
      return send(started, parent, view, scan, changed, deletedPaths, live, net);
    } finally {
      net.shutdownNow();
    }
  }

  /** Reads the changed files into packs for the peers, then stores the manifest on those that took them. */
  private Result send(Instant started, Archive parent, Map<String, ArchiveFile> view, TreeScanner.Scan scan,
      List<TreeScanner.Found> changed, List<String> deletedPaths, List<PeerRef> live, ExecutorService net)
      throws IOException {
    JobProgress progress = job.progress();
    ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, job.parallelism()), daemon("backup-read"));
    Uploader uploader = new Uploader(job.client(), live, net);
    List<ArchiveFile> made = Collections.synchronizedList(new ArrayList<>());
    List<String> warnings = Collections.synchronizedList(new ArrayList<>(scan.unreadable()));
    warnings.addAll(notes);
    List<String> skipped = Collections.synchronizedList(new ArrayList<>());
    List<String> vanished = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> work = new ArrayList<>();
      for (TreeScanner.Found f : changed) {
        work.add(readers.submit(() -> {
          try {
            ArchiveFile a = read(f, uploader);
            if (a == null) {
              skipped.add(f.path());
            } else {
              made.add(a);
            }
          } catch (NoSuchFileException e) {
            vanished.add(f.path());
          } catch (IOException e) {
            warnings.add(f.path() + " (" + e.getMessage() + ")");
          }
          progress.filesDone.incrementAndGet();
          return null;
        }));
      }
      for (Future<?> w : work) {
        w.get();
      }
      live = uploader.finish();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new BackupException(e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackupException("backup interrupted");
    } finally {
      readers.shutdownNow();
    }
    progress.phase("storing the catalog");
    Map<String, ArchiveFile> next = new TreeMap<>(view);
    List<ArchiveFile> entries = new ArrayList<>();
    made.forEach(a -> next.put(a.path(), a));
    List<String> gone = new ArrayList<>(deletedPaths);
    gone.addAll(vanished.stream().filter(view::containsKey).toList());
    long now = started.toEpochMilli();
    gone.forEach(next::remove);
    if (job.method() == BackupMethod.snapshot) {
      entries.addAll(next.values());
    } else {
      entries.addAll(made);
      gone.forEach(p -> entries.add(ArchiveFile.deletion(p, now)));
    }
    entries.sort(java.util.Comparator.comparing(ArchiveFile::path));
    long bytes = entries.stream().filter(e -> !e.deleted()).mapToLong(ArchiveFile::size).sum();
    int files = (int) entries.stream().filter(e -> !e.deleted()).count();
    Archive archive = new Archive(newId(started), job.source(), started, parent == null ? null : parent.id(),
        job.method(), files, bytes, uploader.newBytes(), gone.size(), live.stream().map(PeerRef::name).toList(),
        List.copyOf(skipped), 0);
    final Manifest made0 = new Manifest(archive, entries);
    Manifest manifest = made0;
    List<PeerRef> stored = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<Void>> puts = new ArrayList<>();
    for (PeerRef p : live) {
      puts.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          job.client().putManifest(p.api(), made0);
          synchronized (stored) {
            stored.add(p);
          }
        } catch (IOException | RuntimeException e) {
          uploader.failures().putIfAbsent(p.name(), String.valueOf(e.getMessage()));
        }
      }, net));
    }
    java.util.concurrent.CompletableFuture.allOf(puts.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
    if (stored.isEmpty()) {
      throw new BackupException("no peer blade stored the archive: " + uploader.failures());
    }
    if (stored.size() < live.size()) {
      manifest = new Manifest(archive.withPeers(stored.stream().map(PeerRef::name).sorted().toList()), entries);
    }
    job.state().save(archive.id(), next);
    uploader.failures().forEach((peer, why) -> warnings.add("peer " + peer + " missed this archive: " + why));
    skipped.forEach(s -> warnings.add(s + " kept changing while it was read: left out, its last copy stays"));
    progress.phase("done");
    return new Result(manifest.archive(), List.copyOf(warnings));
  }

  /** Reads one file into chunks; null if it kept changing while it was read. */
  private ArchiveFile read(TreeScanner.Found f, Uploader uploader) throws IOException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      BasicFileAttributes before = attributes(f.file());
      List<String> chunks = new ArrayList<>();
      long read;
      try (InputStream in = Files.newInputStream(f.file())) {
        read = FastCdc.split(in, (buf, off, len) -> {
          ChunkRecord r = ChunkRecord.of(buf, off, len);
          chunks.add(r.hash());
          uploader.add(r);
          job.progress().bytesDone.addAndGet(len);
        });
      }
      BasicFileAttributes after = attributes(f.file());
      if (read == after.size() && before.size() == after.size()
          && before.lastModifiedTime().equals(after.lastModifiedTime())) {
        return new ArchiveFile(f.path(), after.size(), after.lastModifiedTime().toMillis(), TreeScanner.mode(f.file(), after),
            ChunkRecord.fileHash(chunks), chunks, false);
      }
    }
    return null;
  }

  /** The file's attributes, with its mode where the file system has one (one look at the file). */
  private static BasicFileAttributes attributes(java.nio.file.Path file) throws IOException {
    try {
      return Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class);
    } catch (UnsupportedOperationException e) {
      return Files.readAttributes(file, BasicFileAttributes.class);
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
