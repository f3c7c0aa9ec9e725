package dci.storage.webdav;

import dci.storage.vnas.OneBladeVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.settings.ParserSettings;
import org.apache.pekko.http.javadsl.settings.ServerSettings;

/**
 * The WebDAV mount point of a one-blade volume on a loopback port, as a blade serves it.
 * Callers name themselves in a bearer token: {@code alice} and {@code bob} are operators,
 * {@code root} an admin, {@code vera} a viewer.
 */
final class DavServer implements AutoCloseable {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final OneBladeVolume blade;
  private final ServerBinding binding;

  private DavServer(OneBladeVolume blade, ServerBinding binding) {
    this.blade = blade;
    this.binding = binding;
  }

  static DavServer start(String name, Path dir, String vnas) throws Exception {
    OneBladeVolume blade = OneBladeVolume.start(name, dir, vnas);
    var system = blade.kit().system();
    DavAuth auth = (authorization, address) -> CompletableFuture.completedFuture(authorization
        .filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7))
        .flatMap(u -> switch (u) {
          case "alice", "bob" -> Optional.of(new DavAuth.User(u, true, false));
          case "root" -> Optional.of(new DavAuth.User(u, true, true));
          case "vera" -> Optional.of(new DavAuth.User(u, false, false));
          default -> Optional.empty();
        }));
    ServerSettings server = ServerSettings.create(system.classicSystem()).withParserSettings(
        ParserSettings.forServer(system.classicSystem()).withCustomMethods(DavRoutes.METHODS.toArray(HttpMethod[]::new)));
    ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).withSettings(server)
        .bind(new DavRoutes(system, blade.volume(), auth).routes()).toCompletableFuture().get();
    return new DavServer(blade, binding);
  }

  OneBladeVolume blade() {
    return blade;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/vnas" + path);
  }

  /** A request to {@code path} as {@code user}; {@code headers} in pairs. */
  HttpRequest.Builder request(String user, String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + user)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  HttpResponse<String> send(String user, String method, String path, String body, String... headers) {
    try {
      return CLIENT.send(request(user, method, path, body == null ? null : body.getBytes(
          java.nio.charset.StandardCharsets.UTF_8), headers).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    binding.unbind();
    blade.close();
  }
}
