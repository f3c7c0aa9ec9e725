package dci.app;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dci.actors.BladeSettings;
import dci.actors.DciConfig;
import dci.actors.peerlet.PeerletRegistry;
import dci.actors.tls.TlsDir;
import dci.actors.tls.TrustOnly;
import dci.app.node.BladeNode;
import dci.app.node.Cage;
import dci.hardware.SecretFile;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one harness for in-JVM multi-blade tests: real blades (each its own ActorSystem on
 * loopback Artery and its own HTTP API) in a temporary directory. {@code blade-1} forms the
 * cluster (its CA, the admin password in {@code DIR/admin.password}); the others are enrolled
 * from its CA and join it through its Artery port. Built with {@link #blades(int)}, e.g.
 * <pre>{@code
 * try (TestCluster c = TestCluster.blades(3).config("dci.backup.tick = 200ms").clock(clock).start()) {
 *   c.post(1, "/api/backup/run", Map.of("blade", "blade-1"));
 * }
 * }</pre>
 * {@link Builder#start()} returns once every blade sees every blade Up. Blades are numbered
 * from 1; a blade crashed or stopped stays numbered but is no longer "live".
 */
public final class TestCluster implements AutoCloseable {
  /** How long a cluster (or a blade added or restarted) may take to come Up on a busy 2-core box. */
  public static final Duration UP_WITHIN = Duration.ofSeconds(90);
  private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Settings of a cluster to start. */
  public static final class Builder {
    private final int count;
    private Config extra = ConfigFactory.empty();
    private Clock clock = Clock.systemDefaultZone();
    private PeerletRegistry peerlets = TestPeerlets.registry();
    private boolean https;
    private final Map<Integer, List<String>> roles = new HashMap<>();
    private final Map<Integer, Config> bladeConfig = new HashMap<>();

    private Builder(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a cluster has at least one blade");
      }
      this.count = count;
    }

    /** HOCON over {@link #testConfig()}; a later call wins over an earlier one. */
    public Builder config(String hocon) {
      return config(ConfigFactory.parseString(hocon));
    }

    /** Settings over {@link #testConfig()}; a later call wins over an earlier one. */
    public Builder config(Config overrides) {
      extra = overrides.withFallback(extra);
      return this;
    }

    /** The clock deciding when backup schedules fire (default: the system's). */
    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    /** The peerlet types every blade runs besides its features' (default: {@link TestPeerlets#registry()}). */
    public Builder peerlets(PeerletRegistry registry) {
      peerlets = registry;
      return this;
    }

    /** Serve the API over HTTPS only ({@code dci.http.https = on}); {@link #client()} trusts the cluster CA. */
    public Builder https() {
      https = true;
      return this;
    }

    /** Settings of blade {@code k} alone, over the cluster's (e.g. a smaller contribution). */
    public Builder config(int k, String hocon) {
      bladeConfig.put(k, ConfigFactory.parseString(hocon));
      return this;
    }

    /** The cluster roles of blade {@code k} (e.g. {@code spare}). */
    public Builder roles(int k, String... names) {
      roles.put(k, List.of(names));
      return this;
    }

    /** Starts the blades one after the other and waits until every blade sees every blade Up. */
    public TestCluster start() {
      Config config = extra.withFallback(https ? ConfigFactory.parseString("dci.http.https = on") : ConfigFactory.empty())
          .withFallback(testConfig());
      TestCluster cluster = new TestCluster(this, config);
      try {
        for (int k = 1; k <= count; k++) {
          cluster.add();
        }
        cluster.awaitAllUp();
        return cluster;
      } catch (RuntimeException | Error e) {
        cluster.close();
        throw e;
      }
    }
  }

  private final Builder plan;
  private final Config config;
  private final Path dir;
  private final int seedPort = freePort();
  private final List<BladeNode> nodes = new ArrayList<>();
  /** Blades crashed by the test: not live from the crash on, whenever their actor systems end. */
  private final Set<BladeNode> crashed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private HttpClient client;
  private String token;
  private boolean closed;

  private TestCluster(Builder plan, Config config) {
    this.plan = plan;
    this.config = config;
    try {
      this.dir = Files.createTempDirectory("dci-test-cluster");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A cluster of {@code count} blades to configure, then {@link Builder#start()}. */
  public static Builder blades(int count) {
    return new Builder(count);
  }

  /**
   * Three blades with the test settings shared by every test class of the JVM that asks for it
   * (through {@link CageExtension}): started on first use, stopped when the test run ends. Tests
   * on it must not change what other tests rely on (no crashes, no settings).
   */
  public static TestCluster shared(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(TestCluster.class, k -> blades(3).start(), TestCluster.class);
  }

  /** Test settings: cheap password hashing; failure detection relaxed for a busy CI box. */
  public static Config testConfig() {
    return ConfigFactory.parseString("""
        dci.auth.pbkdf2-iterations = 1000
        dci.peerlets.queue-limit = 5
        dci.aims.syslog.listen = off
        dci.aims.scan.vnas = off
        dci.aims.scan.every = 0s
        pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s
        pekko.cluster.split-brain-resolver.stable-after = 6s
        """).withFallback(DciConfig.base(null));
  }

  /** A TCP port free now on this machine. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the blades

  /** How many blades were started (live or not). */
  public int size() {
    return nodes.size();
  }

  /** Blade {@code k} (from 1), the incarnation started last. */
  public BladeNode blade(int k) {
    return nodes.get(k - 1);
  }

  /** The API's base URL of blade {@code k}, e.g. {@code http://127.0.0.1:41234}. */
  public String url(int k) {
    return blade(k).apiUrl();
  }

  /** The temporary directory holding every blade's data and the admin password. */
  public Path dir() {
    return dir;
  }

  /** {@code DIR/blade-K}, the data directory of blade {@code k}. */
  public Path dataDir(int k) {
    return dir.resolve("blade-" + k);
  }

  /** True if blade {@code k} is running (not crashed, not stopped). */
  public boolean alive(int k) {
    return !crashed.contains(blade(k)) && !blade(k).system().whenTerminated().isCompleted();
  }

  private List<BladeNode> live() {
    return nodes.stream().filter(n -> !crashed.contains(n) && !n.system().whenTerminated().isCompleted()).toList();
  }

  /** Starts one more blade ({@code blade-N+1}), enrolled from blade-1's CA and joining the cluster; does not wait. */
  public BladeNode add() {
    int k = nodes.size() + 1;
    BladeNode node = startBlade(k, k == 1 ? seedPort : freePort());
    nodes.add(node);
    return node;
  }

  private BladeNode startBlade(int k, int port) {
    BladeSettings s = new BladeSettings("blade-" + k, "127.0.0.1", port, "127.0.0.1", freePort(), dataDir(k),
        k == 1 ? List.of() : List.of("127.0.0.1:" + seedPort), "default", plan.roles.getOrDefault(k, List.of()));
    if (k > 1) {
      Cage.enrol(s, dataDir(1));
    }
    Config own = plan.bladeConfig.containsKey(k) ? plan.bladeConfig.get(k).withFallback(config) : config;
    return BladeNode.with(s, own).peerlets(plan.peerlets)
        .adminPasswordFile(k == 1 ? adminPasswordFile() : null).clock(plan.clock).start();
  }

  /**
   * Starts blade {@code k} (k > 1) again on its data directory, a new incarnation on new ports;
   * does not wait (see {@link #awaitAllUp()}).
   */
  public BladeNode restart(int k) {
    if (k == 1) {
      throw new IllegalArgumentException("blade-1 is the seed: restarted alone it would form a cluster of its own");
    }
    if (!blade(k).system().whenTerminated().isCompleted()) {
      throw new IllegalStateException("blade-" + k + " is still running");
    }
    BladeNode node = startBlade(k, freePort());
    nodes.set(k - 1, node);
    return node;
  }

  /** Kills blade {@code k} the hard way: its ActorSystem and API stop with no leaving. */
  public void crash(int k) {
    // gone for the test at once, even if its actor system is slow to end (see below)
    crashed.add(blade(k));
    try {
      blade(k).stopServing(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the system's end below stops it anyway
    }
    blade(k).system().terminate();
    try {
      blade(k).system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // its actors and API are stopped by now; the last phase (actor-system-terminate) overran
      // twice on a loaded CI box: the test goes on and says so, with every thread's stack
      System.err.println("blade-" + k + " had not terminated 60 s after the crash; its actors left:\n" + actorTree(k)
          + "\nits streams:\n" + streams(k) + "\nthe threads of this JVM:\n"
          + threadDump());
    } catch (Exception e) {
      throw new IllegalStateException("blade-" + k + " did not stop; the threads of this JVM:\n" + threadDump(), e);
    }
  }

  /**
   * Blade {@code k} leaves the cluster gracefully and stops; returns once its actor system has
   * terminated (the leave's shutdown completes a moment before, while its actors are already
   * gone: a caller asking it then got "had already been terminated").
   */
  public void leave(int k) {
    blade(k).leave(Duration.ofSeconds(20));
    try {
      blade(k).system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("blade-" + k + " did not stop after leaving; its actors left:\n"
          + actorTree(k) + "\nits streams:\n" + streams(k) + "\nthe threads of this JVM:\n" + threadDump(), e);
    }
  }

  /** The actors blade {@code k} still has, to tell which one kept its system from terminating. */
  String actorTree(int k) {
    try {
      return ((org.apache.pekko.actor.ActorSystemImpl)
              org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(blade(k).system()))
          .printTree();
    } catch (RuntimeException e) {
      return "(no tree: " + e + ")";
    }
  }

  /** The state of every stream blade {@code k} still runs (Artery's too), stage by stage. */
  String streams(int k) {
    StringBuilder out = new StringBuilder();
    try {
      org.apache.pekko.actor.ActorSystem classic = org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(blade(k).system());
      scala.concurrent.ExecutionContext ec = classic.dispatcher();
      for (int n = 0; n < 32; n++) {
        String name = "StreamSupervisor-" + n;
        try {
          org.apache.pekko.actor.ActorRef sup = classic.actorSelection("/system/Materializers/" + name)
              .resolveOne(Duration.ofSeconds(2)).toCompletableFuture().get(3, TimeUnit.SECONDS);
          var snaps = scala.jdk.javaapi.FutureConverters.asJava(
              org.apache.pekko.stream.snapshot.MaterializerState$.MODULE$.requestFromSupervisor(sup, ec))
              .toCompletableFuture().get(5, TimeUnit.SECONDS);
          for (var snap : scala.jdk.javaapi.CollectionConverters.asJava(snaps)) {
            out.append(name).append(" stream:\n");
            for (var ri : scala.jdk.javaapi.CollectionConverters.asJava(snap.activeInterpreters())) {
              for (var c : scala.jdk.javaapi.CollectionConverters.asJava(ri.connections())) {
                out.append("    ").append(c.out().label()).append(" -> ").append(c.in().label())
                    .append(": ").append(c.state()).append('\n');
              }
            }
          }
        } catch (Exception e) {
          // no such supervisor
        }
      }
    } catch (RuntimeException e) {
      out.append("(no streams: ").append(e).append(')');
    }
    return out.toString();
  }

  /** Every thread's stack, to tell what kept a blade from stopping. */
  static String threadDump() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      out.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
      for (StackTraceElement e : stack) {
        out.append("    at ").append(e).append('\n');
      }
    });
    return out.toString();
  }

  /** Waits until every live blade sees every live blade Up. */
  public void awaitAllUp() {
    await("every live blade sees every live blade Up").atMost(UP_WITHIN).pollInterval(Duration.ofMillis(100))
        .until(() -> everyLiveBladeSees(b -> b.status() == BladeStatus.Up));
  }

  /** Waits until every live blade sees every live blade Up with its API known (published through Distributed Data). */
  public void awaitApis() {
    await("every live blade knows every live blade's API").atMost(UP_WITHIN).pollInterval(Duration.ofMillis(100))
        .until(() -> everyLiveBladeSees(b -> b.status() == BladeStatus.Up && b.api() != null));
  }

  private boolean everyLiveBladeSees(java.util.function.Predicate<BladeInfo> ok) {
    List<BladeNode> live = live();
    Set<String> names = live.stream().map(n -> n.settings().name()).collect(Collectors.toSet());
    return live.stream().allMatch(n -> n.blades().stream().filter(ok).map(BladeInfo::name)
        .collect(Collectors.toSet()).containsAll(names));
  }

  /** Waits until no live blade sees blade {@code k} Up or Unreachable (it was downed, or it left). */
  public void awaitGone(int k) {
    String name = "blade-" + k;
    await(name + " gone from every live blade's directory").atMost(UP_WITHIN).pollInterval(Duration.ofMillis(100))
        .until(() -> live().stream().allMatch(n -> n.blades().stream().noneMatch(b -> b.name().equals(name)
            && (b.status() == BladeStatus.Up || b.status() == BladeStatus.Unreachable))));
  }

  // ---- the admin

  public Path adminPasswordFile() {
    return dir.resolve("admin.password");
  }

  public String adminPassword() {
    try {
      return SecretFile.read(adminPasswordFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The admin's bearer token (logged in through blade-1 once). */
  public String token() {
    if (token == null) {
      token = login(1, "admin", adminPassword());
    }
    return token;
  }

  /** {@code Basic …} for the admin, as WebDAV clients send it. */
  public String basicAuth() {
    return "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword()).getBytes());
  }

  /** Logs {@code user} in through blade {@code k}; fails the test if refused. */
  public String login(int k, String user, String password) {
    Http.Reply r = post(k, "/api/login", Map.of("user", user, "password", password), null);
    if (r.status() != 200) {
      throw new AssertionError("login of " + user + " at blade-" + k + " answered " + r.status() + " " + r.text());
    }
    return r.json().get("token").asText();
  }

  // ---- the API: JSON in and out

  /** The HTTP client for this cluster's APIs: trusting its CA when it serves HTTPS. */
  public HttpClient client() {
    if (!plan.https) {
      return PLAIN;
    }
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .sslContext(TrustOnly.context(List.of(TlsDir.of(dataDir(1)).credentials("blade-1").ca()))).build();
    }
    return client;
  }

  /** GET {@code path} on blade {@code k} as the admin. */
  public Http.Reply get(int k, String path) {
    return get(k, path, token());
  }

  public Http.Reply get(int k, String path, String asToken) {
    return send(k, "GET", path, null, asToken);
  }

  /** POST {@code body} (a JSON string, or an object to write as JSON) as the admin. */
  public Http.Reply post(int k, String path, Object body) {
    return post(k, path, body, token());
  }

  public Http.Reply post(int k, String path, Object body, String asToken) {
    return send(k, "POST", path, body, asToken);
  }

  public Http.Reply put(int k, String path, Object body) {
    return send(k, "PUT", path, body, token());
  }

  public Http.Reply delete(int k, String path) {
    return send(k, "DELETE", path, null, token());
  }

  /** {@code method path} on blade {@code k} as the admin; fails unless it answers 2xx; the reply's JSON. */
  public JsonNode call(int k, String method, String path, Object body) {
    Http.Reply r = send(k, method, path, body, token());
    if (r.status() / 100 != 2) {
      throw new AssertionError(method + " " + path + " on blade-" + k + " answered " + r.status() + ": " + r.text());
    }
    return r.json();
  }

  /** {@code method path} on blade {@code k} as the admin, whatever it answers. */
  public Http.Reply send(int k, String method, String path, Object body) {
    return send(k, method, path, body, token());
  }

  /** A request to blade {@code k}; {@code body} is sent as is if a String, else written as JSON; no token if null. */
  public Http.Reply send(int k, String method, String path, Object body, String asToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(k) + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes() : Json.bytes(body)));
    if (asToken != null) {
      b.header("Authorization", "Bearer " + asToken);
    }
    return Http.send(client(), b);
  }

  /** Every live blade leaves the cluster gracefully, the last started first; the directory is removed. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<BladeNode> live = new ArrayList<>(live());
    java.util.Collections.reverse(live);
    live.forEach(n -> n.leave(Duration.ofSeconds(10)));
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind; the blades are stopped
    }
  }
}
