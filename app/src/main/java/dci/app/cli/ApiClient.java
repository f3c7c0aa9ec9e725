package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The CLI's view of a blade's API: JSON in, JSON out, failures as {@link CliError}s. */
final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final String baseUrl;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(String baseUrl, String token) {
    try {
      URI u = URI.create(baseUrl);
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new CliError(CliError.USAGE, "invalid --url '" + baseUrl + "': expected http://HOST:PORT");
    }
    this.baseUrl = baseUrl;
    this.token = token;
  }

  JsonNode get(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, Object body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  /** POSTs raw bytes of {@code contentType}. */
  JsonNode postBytes(String path, byte[] body, String contentType) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** GETs a text body (e.g. an XML document), with the same error handling. */
  String getText(String path) {
    HttpResponse<String> rsp = exchange(request(path).GET());
    check(rsp);
    return rsp.body();
  }

  /** POSTs JSON with a longer wait than the default, for calls that run work (a desk command). */
  JsonNode post(String path, Object body, Duration wait) {
    return send(request(path).timeout(wait).POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  String baseUrl() {
    return baseUrl;
  }

  String token() {
    return token;
  }

  JsonNode put(String path, Object body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  JsonNode delete(String path) {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(TIMEOUT)
        .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpRequest probe = builder.build();
    if (probe.headers().firstValue("Content-Type").isEmpty() && probe.bodyPublisher().isPresent()) {
      builder.header("Content-Type", "application/json");
    }
    HttpResponse<String> rsp = exchange(builder);
    check(rsp);
    return parse(rsp.body());
  }

  private HttpResponse<String> exchange(HttpRequest.Builder builder) {
    HttpResponse<String> rsp;
    try {
      rsp = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliError(CliError.UNREACHABLE,
          "cannot reach the DCI API at " + baseUrl + ": connection refused (is a blade running? see --url, DCI_URL)");
    } catch (HttpTimeoutException e) {
      throw new CliError(CliError.UNREACHABLE, "the DCI API at " + baseUrl + " did not answer in time");
    } catch (IOException e) {
      throw new CliError(CliError.UNREACHABLE, "cannot talk to the DCI API at " + baseUrl + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError(CliError.FAILED, "interrupted");
    }
    return rsp;
  }

  private void check(HttpResponse<String> rsp) {
    JsonNode body = parse(rsp.body());
    int code = rsp.statusCode();
    if (code < 400) {
      return;
    }
    String message = body != null && body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + code;
    if (code == 401) {
      throw new CliError(CliError.NOT_AUTHENTICATED, "not authenticated: " + message);
    }
    if (code == 403) {
      throw new CliError(CliError.FORBIDDEN, "forbidden: " + message);
    }
    throw new CliError(CliError.FAILED, message + " (HTTP " + code + ")");
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
