package dci.app.moves;

import dci.hardware.port.PeripheralSwitch;
import dci.storage.backup.AgentJobs;
import dci.storage.backup.BackupAgent;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.JobView;
import dci.storage.backup.UploadLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A blade's own part of a move, blocking (runs on the blade's I/O executor): each job can be
 * done again with the same outcome, so a move resumed after a restart may repeat it.
 */
final class MoveFiles {
  private final ActorSystem<?> system;
  private final MoveContext mx;
  /** Restores under way by move and user: one asked again (its coordinator restarted) awaits the first. */
  private final java.util.Map<String, java.util.concurrent.CompletableFuture<String>> restoring =
      new java.util.concurrent.ConcurrentHashMap<>();

  MoveFiles(ActorSystem<?> system, MoveContext mx) {
    this.system = system;
    this.mx = mx;
    java.util.concurrent.CompletableFuture.runAsync(() -> emptyTrash(), mx.io()); // a run cut short by a stop
  }

  /** Does {@code w}'s job; answers what was done, throws when it failed. */
  String work(Moves.Work w) {
    try {
      return switch (w.job()) {
        case hold -> {
          mx.holds().hold(w.user());
          yield "held " + w.user() + "'s desk";
        }
        case release -> {
          mx.holds().release(w.user());
          yield "released " + w.user() + "'s desk";
        }
        case backup -> backup(w.user(), w.bytesPerSecond());
        case restore, fetch -> once(w);
        case place -> place(w);
        case drop -> drop(w.id());
        case remove -> remove(w.id(), w.user());
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * Backs this blade up now (after any run under way), sending at most {@code bytesPerSecond}
   * (null: no cap of the move's); answers the user's home within the archive.
   */
  private String backup(String user, Long bytesPerSecond) throws IOException {
    BackupConfig config = mx.backup().configs().all().toCompletableFuture().join()
        .getOrDefault(mx.blade(), BackupConfig.DEFAULT);
    Path root = config.rootOn(mx.dataDir());
    Path home = mx.homes().resolve(user).toAbsolutePath().normalize();
    if (!home.startsWith(root) || home.equals(root)) {
      throw new IOException(user + "'s home " + home + " is not under " + mx.blade() + "'s backup root " + root);
    }
    AgentJobs.awaitRunning(system, mx.backup().agent(), mx.settings().copyTimeout());
    JobView view = AgentJobs.run(system, mx.backup().agent(), rt -> new BackupAgent.StartRun(bytesPerSecond, rt),
        mx.settings().copyTimeout());
    if (!view.state().equals("done")) {
      throw new IOException("the backup of " + mx.blade() + " failed: " + view.error());
    }
    return root.relativize(home).toString();
  }

  /** Copies the user's home, or awaits the copy of it under way (asked by the move's coordinator before it restarted). */
  private String once(Moves.Work w) throws IOException {
    java.util.concurrent.CompletableFuture<String> mine = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<String> first = restoring.putIfAbsent(w.id() + "/" + w.user(), mine);
    if (first != null) {
      try {
        return first.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw new IOException(e.getCause() != null ? e.getCause().getMessage() : e.toString(), e);
      }
    }
    try {
      String done = w.job() == Moves.Job.fetch ? fetch(w) : restoreNow(w);
      mine.complete(done);
      return done;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      restoring.remove(w.id() + "/" + w.user(), mine);
    }
  }

  /** Restores only the user's home ({@code rel}) from the source's newest archive into the move's temporary folder. */
  private String restoreNow(Moves.Work w) throws IOException {
    Path temp = mx.temp(w.id());
    JobView view = AgentJobs.run(system, mx.backup().agent(), rt -> new BackupAgent.StartRestore(w.source(), "latest",
        temp.toString(), List.of(w.rel() + "/**"), w.bytesPerSecond(), rt), mx.settings().copyTimeout());
    if (!view.state().equals("done")) {
      throw new IOException("restoring " + w.user() + " from " + w.source() + "'s backup failed: " + view.error());
    }
    return "copied " + w.user() + "'s home from " + w.source() + " into " + temp.resolve(w.rel()) + " ("
        + view.filesDone() + " files, " + view.bytesDone() + " bytes)";
  }

  /**
   * Streams the user's home straight from its source blade (its {@code /internal/moves/homes/USER})
   * into the move's temporary folder, no faster than the move's cap.
   */
  private String fetch(Moves.Work w) throws IOException {
    String api = apiOf(w.source());
    Path into = mx.temp(w.id()).resolve(w.rel());
    delete(into);
    Files.createDirectories(into);
    String url = api + "/internal/moves/homes/" + w.user() + "?move=" + w.id();
    MoveStream.Counts n;
    try (java.io.InputStream in = mx.peers().postForStream(url, "application/octet-stream", new byte[0],
        mx.settings().stepTimeout())) {
      n = MoveStream.read(new java.io.BufferedInputStream(in, 1 << 16), into,
          UploadLimit.of(w.bytesPerSecond() == null ? 0 : w.bytesPerSecond()));
    }
    return "copied " + w.user() + "'s home from " + w.source() + " straight into " + into + " (" + n.files()
        + " files, " + n.bytes() + " bytes)";
  }

  private String apiOf(String blade) throws IOException {
    List<dci.protocol.BladeInfo> all = AskPattern.<dci.actors.directory.Directory.Command,
        dci.actors.directory.Directory.Blades>ask(mx.directory(), dci.actors.directory.Directory.GetBlades::new,
        mx.settings().stepTimeout(), system.scheduler()).toCompletableFuture().join().blades();
    return all.stream().filter(b -> b.name().equals(blade) && b.status() == dci.protocol.BladeStatus.Up
            && b.api() != null).map(dci.protocol.BladeInfo::api).findFirst()
        .orElseThrow(() -> new IOException(blade + " is not Up (or its API is not known yet)"));
  }

  /** Moves the temporary copy into the user's home (a stale home here is replaced). */
  private String place(Moves.Work w) throws IOException {
    Path copy = mx.temp(w.id()).resolve(w.rel());
    Path home = mx.homes().resolve(w.user());
    if (!Files.exists(copy)) {
      if (Files.isDirectory(home)) {
        return w.user() + "'s home is in place";
      }
      Files.createDirectories(copy); // an empty home
    }
    delete(home);
    Files.createDirectories(home.getParent());
    Files.move(copy, home, StandardCopyOption.ATOMIC_MOVE);
    return "put " + w.user() + "'s home in place on " + mx.blade();
  }

  private String drop(String id) throws IOException {
    delete(mx.temp(id));
    try {
      Files.deleteIfExists(mx.temp(id).getParent());
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // another move's folder is there
    }
    return "removed the temporary folder of " + id + " on " + mx.blade();
  }

  /** Removes the user's old home, only once the user's port is routed to another blade. */
  private String remove(String id, String user) throws IOException {
    PeripheralSwitch.Routed r = AskPattern.<PeripheralSwitch.Command, PeripheralSwitch.Routed>ask(mx.portSwitch(),
        rt -> new PeripheralSwitch.Lookup(user, true, rt), mx.settings().stepTimeout(), system.scheduler())
        .toCompletableFuture().join();
    if (r.route() == null || r.route().blade().equals(mx.blade())) {
      throw new IOException(user + "'s port is still routed to " + mx.blade() + ": its home here stays");
    }
    Path home = mx.homes().resolve(user);
    if (!Files.exists(home, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return "removed " + user + "'s old home on " + mx.blade();
    }
    // One rename takes the home away at once; its files are deleted after, off the move's time
    // (measured: rm -rf of bench/move.sh's 1 GiB tree takes 2.05 s cold, a third of the copy).
    synchronized (this) {
      Files.createDirectories(mx.trash());
      Path aside = mx.trash().resolve(id + "-" + user);
      delete(aside);
      Files.move(home, aside, StandardCopyOption.ATOMIC_MOVE);
    }
    java.util.concurrent.CompletableFuture.runAsync(() -> emptyTrash(), mx.io());
    return "removed " + user + "'s old home on " + mx.blade() + " (its files deleted in the background)";
  }

  /** Deletes what waits in the trash; a failure is logged and tried again at the next move or start. */
  private synchronized void emptyTrash() {
    try (Stream<Path> old = Files.exists(mx.trash()) ? Files.list(mx.trash()) : Stream.empty()) {
      for (Path p : old.toList()) {
        delete(p);
      }
    } catch (IOException | RuntimeException e) {
      system.log().warn("emptying {} failed: {}", mx.trash(), e.toString());
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
