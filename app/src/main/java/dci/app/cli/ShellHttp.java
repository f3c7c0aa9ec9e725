package dci.app.cli;

import dci.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The shell's streamed calls to a blade (file contents in and out, WebDAV methods on the volume),
 * with the caller's token; an error answer becomes a {@link CliError} with the blade's reason.
 */
final class ShellHttp {
  private static final HttpClient HTTP = CliTrust.httpClient(Duration.ofSeconds(5));
  private final String base;
  private final String token;

  ShellHttp(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Sends {@code method} to {@code path} (with its query) and answers the body as a stream; headers are name, value pairs. */
  InputStream send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<InputStream> rsp = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (rsp.statusCode() >= 400) {
        String text;
        try (InputStream in = rsp.body()) {
          text = new String(in.readNBytes(4000), StandardCharsets.UTF_8).trim();
        }
        throw failure(rsp.statusCode(), text);
      }
      return rsp.body();
    } catch (ConnectException e) {
      throw new CliError(CliError.UNREACHABLE, "cannot reach the DCI API at " + base + ": connection refused");
    } catch (IOException e) {
      throw new CliError(CliError.UNREACHABLE, "transfer with " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError(CliError.FAILED, "interrupted");
    }
  }

  /** Sends and reads the (small) answer to its end. */
  void call(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    try (InputStream in = send(method, path, body, headers)) {
      in.readAllBytes();
    } catch (IOException e) {
      throw new CliError(CliError.FAILED, "reading the answer failed: " + e.getMessage());
    }
  }

  String base() {
    return base;
  }

  private static CliError failure(int code, String text) {
    String why = text;
    try {
      String e = ApiClient.errorMessage(Json.mapper().readTree(text));
      if (e != null) {
        why = e;
      }
    } catch (IOException notJson) {
      // the text as it is
    }
    if (why.isBlank()) {
      why = "HTTP " + code;
    }
    return switch (code) {
      case 401 -> new CliError(CliError.NOT_AUTHENTICATED, "not authenticated: " + why + " (log in with dci login)");
      case 403 -> new CliError(CliError.FORBIDDEN, "forbidden: " + why);
      case 404 -> new CliError(CliError.FAILED, why.startsWith("no ") ? why : "no such file or folder");
      default -> new CliError(CliError.FAILED, why);
    };
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
