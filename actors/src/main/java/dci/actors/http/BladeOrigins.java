package dci.actors.http;

import dci.actors.directory.Directory;
import dci.protocol.BladeInfo;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * The origins ({@code scheme://host:port}) of the blades' APIs, as the directory lists them,
 * kept current by watching it. An origin stays once seen (for this blade's lifetime): the page
 * a dead blade served must still reach the others, and its origin is still that blade's. A page a blade served (the console) may call these origins: they
 * are what its Content-Security-Policy connects to and what the API answers cross-origin
 * ({@link Cors}); nothing else is.
 */
public final class BladeOrigins {
  private final AtomicReference<Set<String>> origins = new AtomicReference<>(Set.of());

  private BladeOrigins() {}

  /** Watches {@code directory} from now on (until the system stops). */
  public static BladeOrigins watch(ActorSystem<?> system, ActorRef<Directory.Command> directory) {
    BladeOrigins o = new BladeOrigins();
    ActorRef<Directory.Blades> ref = ActorSource.<Directory.Blades>actorRef(m -> false, m -> java.util.Optional.empty(),
            1, OverflowStrategy.dropHead())
        .to(Sink.foreach(b -> o.origins.updateAndGet(known -> union(known, of(b)))))
        .run(system);
    directory.tell(new Directory.Watch(ref));
    return o;
  }

  /** A fixed set, for tests. */
  public static BladeOrigins of(Set<String> origins) {
    BladeOrigins o = new BladeOrigins();
    o.origins.set(Set.copyOf(origins));
    return o;
  }

  /** Every blade API origin known now, in directory order. */
  public Set<String> all() {
    return origins.get();
  }

  /** True when {@code origin} (an {@code Origin} header's value) is a blade's API. */
  public boolean allows(String origin) {
    return origin != null && origins.get().contains(origin);
  }

  private static Set<String> union(Set<String> known, Set<String> now) {
    if (known.containsAll(now)) {
      return known;
    }
    Set<String> all = new LinkedHashSet<>(known);
    all.addAll(now);
    return java.util.Collections.unmodifiableSet(all);
  }

  private static Set<String> of(Directory.Blades blades) {
    Set<String> out = new LinkedHashSet<>();
    blades.blades().stream().map(BladeInfo::api).filter(Objects::nonNull).map(BladeOrigins::origin)
        .filter(Objects::nonNull).forEach(out::add);
    return out;
  }

  /** The origin of a base URL ({@code http://127.0.0.1:8080/x} → {@code http://127.0.0.1:8080}), or null. */
  static String origin(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
      return u.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + host + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
