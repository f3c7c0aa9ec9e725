package dci.storage.backup;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches a backup root and every directory below it (inotify on Linux) and calls back on any
 * change; the mirror method turns the calls into delta archives within a bounded lag. Runs on
 * its own daemon thread; {@link #close()} stops it.
 */
public final class MirrorWatch implements AutoCloseable {
  private final WatchService watch;
  private final Map<WatchKey, Path> dirs = new HashMap<>();
  private final Thread thread;
  private final Runnable onChange;

  public MirrorWatch(Path root, Runnable onChange) throws IOException {
    this.watch = FileSystems.getDefault().newWatchService();
    this.onChange = onChange;
    register(root);
    this.thread = new Thread(this::loop, "backup-mirror-" + root.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  private void register(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path d : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
        dirs.put(d.register(watch, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), d);
      }
    }
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watch.take();
        Path dir = dirs.get(key);
        for (var event : key.pollEvents()) {
          if (event.kind() == ENTRY_CREATE && dir != null && event.context() instanceof Path name) {
            Path child = dir.resolve(name);
            if (Files.isDirectory(child)) {
              try {
                register(child);
              } catch (IOException e) {
                // it went away again; the next scan sees what is there
              }
            }
          }
        }
        if (!key.reset()) {
          dirs.remove(key);
        }
        onChange.run();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException e) {
      // nothing left to do
    }
    thread.interrupt();
  }
}
