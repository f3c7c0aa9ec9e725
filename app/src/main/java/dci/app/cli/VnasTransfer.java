package dci.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Streams files to and from a blade's WebDAV mount point (never the whole file in memory); the
 * caller shows the progress ({@link Progress#track}).
 */
final class VnasTransfer {
  private static final HttpClient HTTP = CliTrust.httpClient(Duration.ofSeconds(5));
  private final String base;
  private final String token;

  VnasTransfer(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** {@code /vnas/a%20b/c} for the volume path {@code /a b/c}. */
  static String davPath(String path) {
    StringBuilder b = new StringBuilder("/vnas");
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        b.append('/').append(java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return b.length() == 5 ? "/vnas/" : b.toString();
  }

  HttpResponse<InputStream> send(String method, String path, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + davPath(path))).method(method, body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<InputStream> rsp = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (rsp.statusCode() >= 400) {
        String text;
        try (InputStream in = rsp.body()) {
          text = new String(in.readNBytes(2000), StandardCharsets.UTF_8).trim();
        }
        throw failure(rsp.statusCode(), path, text);
      }
      return rsp;
    } catch (ConnectException e) {
      throw new CliError(CliError.UNREACHABLE, "cannot reach the DCI API at " + base + ": connection refused");
    } catch (IOException e) {
      throw new CliError(CliError.UNREACHABLE, "transfer with " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError(CliError.FAILED, "interrupted");
    }
  }

  static CliError failure(int code, String path, String text) {
    return switch (code) {
      case 401 -> new CliError(CliError.NOT_AUTHENTICATED, "not authenticated: log in with dci login");
      case 403 -> new CliError(CliError.FORBIDDEN, "forbidden: " + text);
      case 404 -> new CliError(CliError.FAILED, "no such path: " + path);
      default -> new CliError(CliError.FAILED, text + " (HTTP " + code + ")");
    };
  }

  static void copy(InputStream in, OutputStream out) throws IOException {
    in.transferTo(out);
  }
}
