package dci.app.install;

import dci.protocol.pkg.ServiceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of installed packages (their manifests' {@code <service>} steps), each a
 * supervised process run in the package's install directory with the installer's clean
 * environment, its output appended to {@code .dci/service-NAME.log}, started again when it exits
 * (after 1 s, doubling to 30 s; the wait starts over once it has run a minute). Stopped before an
 * upgrade or uninstall touches the directory, and started again after. Each runs on a thread of
 * its own (it only waits on its process), never on an actor's.
 *
 * <p>A running service's process is named in {@code .dci/service-NAME.pid} (pid and start time):
 * a blade killed outright leaves its services running, so before a service starts, the process
 * that file names is stopped if it is still the same one (same pid and start time), and no
 * service runs twice after the blade comes back.
 */
public final class Services implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);
  private static final long MAX_BACKOFF_MS = 30_000;
  private final Map<String, List<Supervised>> running = new ConcurrentHashMap<>();

  /** Starts the services of {@code p}, stopping any of that package's first. */
  public synchronized void start(InstalledPackage p) {
    stop(p.name());
    List<Supervised> started = new ArrayList<>();
    for (ServiceStep s : p.manifest().services(false)) {
      try {
        List<String> line = new ArrayList<>();
        line.add(StepRunner.program(s.command(), p.dir()));
        line.addAll(s.command().args());
        Map<String, String> env = new TreeMap<>(Staging.environment(p.manifest(), p.dir(), p.dir(), null));
        env.putAll(s.command().env());
        Path log = p.dir().resolve(".dci").resolve("service-" + s.name() + ".log");
        Path pidFile = p.dir().resolve(".dci").resolve("service-" + s.name() + ".pid");
        Supervised sup = new Supervised(p.name() + "/" + s.name(), line, StepRunner.directory(s.command(), p.dir()),
            env, log, pidFile);
        sup.thread.start();
        started.add(sup);
      } catch (RuntimeException e) {
        LOG.warn("service {} of {} cannot start: {}", s.name(), p.manifest().id(), e.getMessage());
      }
    }
    if (!started.isEmpty()) {
      running.put(p.name(), started);
    }
  }

  /** Stops the services of package {@code name} and waits for their processes to end. */
  public synchronized void stop(String name) {
    List<Supervised> old = running.remove(name);
    if (old != null) {
      old.forEach(Supervised::stop);
    }
  }

  /** Package → its services, each "NAME running (pid P, started N times)" or "NAME waiting to restart". */
  public Map<String, List<String>> status() {
    Map<String, List<String>> out = new TreeMap<>();
    running.forEach((pkg, list) -> out.put(pkg, list.stream().map(Supervised::describe).toList()));
    return out;
  }

  @Override
  public synchronized void close() {
    new ArrayList<>(running.keySet()).forEach(this::stop);
  }

  /** One service: its process, started again whenever it ends, until stopped. */
  private static final class Supervised {
    private final String name;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Process process;
    private volatile int starts;

    private final Path pidFile;

    Supervised(String name, List<String> line, Path dir, Map<String, String> env, Path log, Path pidFile) {
      this.name = name;
      this.pidFile = pidFile;
      this.thread = new Thread(() -> loop(line, dir, env, log), "dci-service-" + name);
      thread.setDaemon(true);
    }

    private void loop(List<String> line, Path dir, Map<String, String> env, Path log) {
      ServicePidFile.stopLeftOver(pidFile, name);
      long backoff = 1000;
      while (!stopped) {
        long began = System.nanoTime();
        try {
          Files.createDirectories(log.getParent());
          ProcessBuilder pb = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
          pb.environment().clear();
          pb.environment().putAll(env);
          synchronized (this) {
            if (stopped) {
              return;
            }
            process = pb.start();
            starts++;
            ServicePidFile.write(pidFile, process.toHandle());
          }
          int code = process.waitFor();
          if (!stopped) {
            LOG.warn("service {} exited with status {}: started again in {} ms", name, code, backoff);
          }
        } catch (IOException e) {
          LOG.warn("service {} could not start: {}", name, e.getMessage());
        } catch (InterruptedException e) {
          return;
        }
        if (System.nanoTime() - began > TimeUnit.MINUTES.toNanos(1)) {
          backoff = 1000;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException e) {
          return;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }

    void stop() {
      Process p;
      synchronized (this) {
        stopped = true;
        p = process;
      }
      thread.interrupt();
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ServicePidFile.delete(pidFile); // once the process has ended: a blade killed before then finds it
    }

    String describe() {
      Process p = process;
      return p != null && p.isAlive() ? name + " running (pid " + p.pid() + ", started " + starts + " times)"
          : name + " waiting to restart (started " + starts + " times)";
    }
  }
}
