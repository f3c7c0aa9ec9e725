package dci.app.packages;

import dci.actors.peerlet.PeerletFactory;
import dci.actors.peerlet.PeerletRegistry;
import dci.actors.peerlet.PeerletType;
import dci.app.install.InstalledPackage;
import dci.protocol.auth.Role;
import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackagedPeerlet;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Peerlets shipped in packages: loads an installed package's jar in its own class loader (parent:
 * the blade's), instantiates its main class (a {@link PeerletFactory} with a public no-arg
 * constructor) and registers its app type on this blade's registry, so the peerlet manager
 * spawns it on its first envelope. Installed peerlets take envelopes from operators and admins.
 * A package may not take an app type the blade has from elsewhere (built in, or another package).
 *
 * <p>On an upgrade the new version's type replaces the old one and the instances running the old
 * code are retired (stopped; the next envelope starts one of the new version). On uninstall the
 * type is removed, its instances retired and its loader closed.
 * Blocking (reads jars): call it off the actor threads. Thread-safe.
 */
public final class PeerletLoader {
  private record Loaded(String appType, URLClassLoader loader) {}

  private final PeerletRegistry registry;
  private final java.util.function.Consumer<String> retire;
  private final Map<String, Loaded> byPackage = new HashMap<>();

  /** {@code retire}: stops the running instances of an app type whose code changed or went. */
  public PeerletLoader(PeerletRegistry registry, java.util.function.Consumer<String> retire) {
    this.registry = registry;
    this.retire = retire;
  }

  /** Refuses {@code m} if its peerlet's app type is served here by something else than package {@code m}. */
  public synchronized void requireFree(Manifest m) {
    PackagedPeerlet p = m.peerlet();
    if (p == null || registry.find(p.appType()).isEmpty()) {
      return;
    }
    Loaded mine = byPackage.get(m.name());
    if (mine == null || !mine.appType().equals(p.appType())) {
      String owner = byPackage.entrySet().stream().filter(e -> e.getValue().appType().equals(p.appType()))
          .map(e -> "package " + e.getKey()).findFirst().orElse("a built-in peerlet");
      throw new PackageException("peerlet app type '" + p.appType() + "' is taken on this blade by " + owner);
    }
  }

  /** Loads and registers the peerlet of {@code installed}; answers its app type. */
  public synchronized String load(InstalledPackage installed) {
    PackagedPeerlet p = installed.manifest().peerlet();
    if (p == null) {
      throw new IllegalArgumentException(installed.name() + " ships no peerlet");
    }
    requireFree(installed.manifest());
    Path jar = jar(installed.dir(), p);
    URLClassLoader loader;
    try {
      loader = new URLClassLoader("peerlet-" + p.appType(), new URL[] {jar.toUri().toURL()},
          PeerletFactory.class.getClassLoader());
    } catch (IOException e) {
      throw new PackageException("cannot open " + jar + ": " + e.getMessage(), e);
    }
    PeerletFactory factory;
    try {
      Class<?> main = Class.forName(p.mainClass(), true, loader);
      if (!PeerletFactory.class.isAssignableFrom(main)) {
        throw new PackageException("main class " + p.mainClass() + " does not implement "
            + PeerletFactory.class.getName());
      }
      factory = (PeerletFactory) main.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      close(loader);
      throw new PackageException("main class " + p.mainClass() + " is not in " + p.jar(), e);
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      close(loader);
      throw new PackageException("main class " + p.mainClass() + " needs a public no-arg constructor", e);
    } catch (InvocationTargetException | LinkageError | ClassCastException e) {
      close(loader);
      Throwable t = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
      throw new PackageException("main class " + p.mainClass() + " did not load: " + t, e);
    } catch (PackageException e) {
      close(loader);
      throw e;
    }
    Loaded old = byPackage.put(installed.name(), new Loaded(p.appType(), loader));
    if (old != null && !old.appType().equals(p.appType())) {
      registry.unregister(old.appType());
    }
    registry.register(new PeerletType(p.appType(), Role.OPERATOR, factory::create));
    if (old != null) {
      retire.accept(old.appType());
    }
    return p.appType();
  }

  /** Removes the peerlet of package {@code name}, if it shipped one; answers its app type or null. */
  public synchronized String unload(String name) {
    Loaded old = byPackage.remove(name);
    if (old == null) {
      return null;
    }
    registry.unregister(old.appType());
    retire.accept(old.appType());
    close(old.loader());
    return old.appType();
  }

  /** Package name to the app type of its loaded peerlet. */
  public synchronized Map<String, String> loaded() {
    Map<String, String> m = new TreeMap<>();
    byPackage.forEach((k, v) -> m.put(k, v.appType()));
    return m;
  }

  private static Path jar(Path dir, PackagedPeerlet p) {
    Path jar = dir.resolve(p.jar()).normalize();
    try {
      if (!jar.startsWith(dir) || !Files.isRegularFile(jar, LinkOption.NOFOLLOW_LINKS)
          || !jar.toRealPath().startsWith(dir.toRealPath())) {
        throw new PackageException("peerlet jar '" + p.jar() + "' is not a file inside " + dir);
      }
    } catch (IOException e) {
      throw new PackageException("peerlet jar '" + p.jar() + "': " + e.getMessage(), e);
    }
    return jar;
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // nothing more to free
    }
  }
}
