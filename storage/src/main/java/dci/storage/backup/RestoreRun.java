package dci.storage.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Restores a blade's archives in order up to and including one: each path's newest copy among
 * them is written into the target (clashing files overwritten, new ones created); nothing in
 * the target is ever deleted; with {@code keepNewerThan}, a file in the target modified at or after
 * that instant (a user's write on a replacement blade) is kept, not overwritten. {@code upto}
 * null or "latest" means the newest archive. Every path is checked before anything is written, every chunk
 * and every file against its hash; a file that clashes is written beside its place and renamed over it.
 */
public final class RestoreRun {
  private static final long BATCH_BYTES = 16L * 1024 * 1024;

  /** What to restore and where. */
  public record Job(String source, String upto, Path target, List<String> globs, List<PeerRef> peers,
      PeerClient client, JobProgress progress, int parallelism, java.time.Instant keepNewerThan) {
    /** A restore that overwrites whatever it finds in the target. */
    public Job(String source, String upto, Path target, List<String> globs, List<PeerRef> peers,
        PeerClient client, JobProgress progress, int parallelism) {
      this(source, upto, target, globs, peers, client, progress, parallelism, null);
    }
  }

  /** What was restored. */
  public record Result(String source, String upto, List<String> archives, String target, int files, long bytes,
      List<String> problems) {}

  private final Job job;
  /** Directories of the target this run has made or found (never removed by a restore). */
  private final Map<Path, Boolean> made = new java.util.concurrent.ConcurrentHashMap<>();

  public RestoreRun(Job job) {
    this.job = job;
  }

  public Result run() throws IOException {
    JobProgress progress = job.progress();
    progress.phase("reading the catalog");
    CatalogView catalog = CatalogView.gather(job.client(), job.source(), job.peers());
    List<Archive> history = catalog.archives();
    int upto = job.upto() == null || job.upto().equals("latest") ? history.size() - 1 : -1;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).id().equals(job.upto())) {
        upto = i;
      }
    }
    if (upto < 0) {
      throw new BackupException("blade " + job.source() + " has no archive"
          + (job.upto() == null || job.upto().equals("latest") ? "" : " " + job.upto())
          + (catalog.unreachable().isEmpty() ? "" : " on the reachable peers (unreachable: " + catalog.unreachable() + ")"));
    }
    List<Manifest> chain = new ArrayList<>();
    Set<PeerRef> holders = new LinkedHashSet<>();
    for (Archive a : history.subList(0, upto + 1)) {
      chain.add(catalog.manifest(job.client(), a.id()));
      holders.addAll(catalog.holders(a.id()));
    }
    List<ArchiveFile> files = new ArrayList<>(select(TreeView.restorable(chain).values()));
    for (ArchiveFile f : files) {
      SafePaths.check(f.path());
    }
    Files.createDirectories(job.target());
    SafePaths.Target target = new SafePaths.Target(job.target());
    if (job.keepNewerThan() != null) {
      files.removeIf(f -> newerInTarget(target, f));
    }
    for (ArchiveFile f : files) {
      target.resolve(f.path());
      progress.filesTotal.incrementAndGet();
      progress.bytesTotal.addAndGet(f.size());
    }
    progress.phase("restoring");
    ChunkFetcher fetcher = new ChunkFetcher(job.client(), List.copyOf(holders));
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, job.parallelism()), BackupRun.daemon("restore"));
    try {
      List<Future<?>> work = new ArrayList<>();
      for (List<ArchiveFile> batch : batches(files)) {
        work.add(pool.submit(() -> {
          writeBatch(batch, fetcher, target);
          return null;
        }));
      }
      for (Future<?> w : work) {
        w.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      throw c instanceof RuntimeException r ? r : new BackupException(c.toString(), c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackupException("restore interrupted");
    } finally {
      pool.shutdownNow();
    }
    progress.phase("done");
    return new Result(job.source(), chain.get(chain.size() - 1).archive().id(), chain.stream().map(m -> m.archive().id()).toList(),
        job.target().toString(), files.size(), files.stream().mapToLong(ArchiveFile::size).sum(),
        List.copyOf(fetcher.problems()));
  }

  /** True when the target holds this file already, written at or after {@code keepNewerThan}. */
  private boolean newerInTarget(SafePaths.Target target, ArchiveFile f) {
    try {
      Path dest = target.resolve(f.path());
      return Files.exists(dest, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && !Files.getLastModifiedTime(dest).toInstant().isBefore(job.keepNewerThan());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private List<ArchiveFile> select(java.util.Collection<ArchiveFile> all) {
    if (job.globs() == null || job.globs().isEmpty()) {
      return List.copyOf(all);
    }
    List<PathMatcher> matchers = job.globs().stream()
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g.replaceAll("^/+", ""))).toList();
    return all.stream().filter(f -> {
      Path p = Path.of(f.path());
      return matchers.stream().anyMatch(m -> m.matches(p) || m.matches(p.getFileName()));
    }).toList();
  }

  private static List<List<ArchiveFile>> batches(List<ArchiveFile> files) {
    List<List<ArchiveFile>> out = new ArrayList<>();
    List<ArchiveFile> cur = new ArrayList<>();
    long size = 0;
    for (ArchiveFile f : files) {
      if (!cur.isEmpty() && size + f.size() > BATCH_BYTES) {
        out.add(cur);
        cur = new ArrayList<>();
        size = 0;
      }
      cur.add(f);
      size += f.size();
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  /** Writes a batch of files, their chunks streamed in the order they are written. */
  private void writeBatch(List<ArchiveFile> batch, ChunkFetcher fetcher, SafePaths.Target target) throws IOException {
    List<String> order = new ArrayList<>();
    Map<String, Integer> uses = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    for (ArchiveFile f : batch) {
      for (String c : f.chunks()) {
        if (uses.merge(c, 1, Integer::sum) == 1) {
          order.add(c);
          sizes.put(c, f.size() / f.chunks().size());
        }
      }
    }
    Map<String, byte[]> held = new HashMap<>();
    try (ChunkSequence chunks = fetcher.sequence(order, c -> sizes.getOrDefault(c, 0L))) {
      for (ArchiveFile f : batch) {
        writeFile(f, chunks, uses, held, target);
      }
    }
  }

  /**
   * Makes {@code dir} and its parents once per run (another writer of the same directory waits
   * for it), not a failed mkdir and an exception for every file in it.
   */
  private void makeDirectories(Path dir) throws IOException {
    try {
      made.computeIfAbsent(dir, d -> {
        try {
          Files.createDirectories(d);
          return Boolean.TRUE;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof java.nio.file.FileAlreadyExistsException in) {
        throw new BackupException("restore refused: " + in.getFile()
            + " stands where a directory goes (a file, or a link that leads nowhere)");
      }
      throw e.getCause();
    }
  }

  /**
   * Writes one file and checks it. A file new to the target is created in its place (exclusively:
   * one there meanwhile, or a link, is not written through) and removed again if it fails its
   * check; one that clashes, or any file of a restore that keeps newer ones, is written beside
   * its place and renamed over it, so what was there stays whole until the new copy is.
   */
  private void writeFile(ArchiveFile f, ChunkSequence chunks, Map<String, Integer> uses, Map<String, byte[]> held,
      SafePaths.Target target) throws IOException {
    Path dest = target.resolve(f.path());
    makeDirectories(dest.getParent());
    if (f.hash() != null && !f.hash().equals(ChunkRecord.fileHash(f.chunks()))) {
      throw new BackupException("restored " + f.path() + " does not match its hash: not written");
    }
    Path tmp = job.keepNewerThan() == null ? dest : sibling(dest);
    OutputStream opened;
    try {
      opened = open(tmp);
    } catch (java.nio.file.FileAlreadyExistsException clash) {
      tmp = sibling(dest);
      opened = open(tmp);
    }
    long written = 0;
    try (OutputStream out = opened) {
      for (String c : f.chunks()) {
        byte[] plain = held.get(c);
        if (plain == null) {
          plain = chunks.next(c);
        }
        out.write(plain);
        written += plain.length;
        job.progress().bytesDone.addAndGet(plain.length);
        if (uses.merge(c, -1, Integer::sum) > 0) {
          held.put(c, plain);
        } else {
          held.remove(c);
        }
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException also) {
        e.addSuppressed(also);
      }
      throw e;
    }
    if (written != f.size()) {
      Files.deleteIfExists(tmp);
      throw new BackupException("restored " + f.path() + " does not match its hash: not written");
    }
    Files.getFileAttributeView(tmp, java.nio.file.attribute.BasicFileAttributeView.class)
        .setTimes(FileTime.fromMillis(f.mtime()), FileTime.from(java.time.Instant.now()), null);
    if (f.mode() != null) {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(f.mode()));
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // a mode this file system cannot take: the file keeps the default
      }
    }
    if (tmp.equals(dest)) {
      if (Thread.currentThread().isInterrupted()) {
        Files.deleteIfExists(dest);  // the restore failed elsewhere meanwhile: nothing more lands
      }
    } else if (job.keepNewerThan() != null && newerInTarget(target, f) || Thread.currentThread().isInterrupted()) {
      Files.deleteIfExists(tmp);  // kept newer, or the restore failed elsewhere meanwhile: nothing more lands
    } else {
      Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    job.progress().filesDone.incrementAndGet();
  }

  private static Path sibling(Path dest) {
    return dest.resolveSibling(".dci-restore-" + Long.toHexString(System.nanoTime()) + ".tmp");
  }

  /** Opens {@code p}, a new file; its directory made again if it was removed meanwhile. */
  private OutputStream open(Path p) throws IOException {
    try {
      return Files.newOutputStream(p, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    } catch (java.nio.file.NoSuchFileException gone) {
      made.remove(p.getParent());
      makeDirectories(p.getParent());
      return Files.newOutputStream(p, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    }
  }
}
