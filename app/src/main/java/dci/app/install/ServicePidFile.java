package dci.app.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .dci/service-NAME.pid}: the process a service runs as, {@code PID START-MILLIS}, so a
 * blade that was killed outright can stop what it left running. The start time tells the same
 * process from another that got the pid since.
 */
final class ServicePidFile {
  private static final Logger LOG = LoggerFactory.getLogger(ServicePidFile.class);

  private ServicePidFile() {}

  static void write(Path file, ProcessHandle p) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, p.pid() + " " + started(p).orElse(0L) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", file, e.getMessage());
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", file, e.getMessage());
    }
  }

  /** Stops the process {@code file} names (and its descendants) if it is still the one recorded. */
  static void stopLeftOver(Path file, String service) {
    Optional<ProcessHandle> left = leftOver(file);
    if (left.isEmpty()) {
      return;
    }
    ProcessHandle p = left.get();
    LOG.warn("service {}: stopping pid {}, left running by an earlier run of this blade", service, p.pid());
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      p.onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    delete(file);
  }

  /** The live process {@code file} names, if its start time matches the one recorded. */
  static Optional<ProcessHandle> leftOver(Path file) {
    String[] f;
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      f = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
    } catch (IOException e) {
      LOG.warn("cannot read {}: {}", file, e.getMessage());
      return Optional.empty();
    }
    if (f.length != 2) {
      LOG.warn("{} is not 'PID START-MILLIS': ignored", file);
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(f[0]);
      long start = Long.parseLong(f[1]);
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> !isSelfOrAncestor(p))
          .filter(p -> start != 0 && started(p).map(s -> s == start).orElse(false));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** This blade's own process or one above it: never a service's, whatever a file says. */
  private static boolean isSelfOrAncestor(ProcessHandle p) {
    for (Optional<ProcessHandle> h = Optional.of(ProcessHandle.current()); h.isPresent(); h = h.get().parent()) {
      if (h.get().pid() == p.pid()) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Long> started(ProcessHandle p) {
    return p.info().startInstant().map(java.time.Instant::toEpochMilli);
  }
}
