package dci.app.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import dci.protocol.api.ErrorBody;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's view of a blade's API: JSON in, JSON out, failures as {@link CliError}s.
 *
 * <p>Each call is one exchange on a connection of its own ({@link CliHttp}), sent once, never
 * retried: not {@code java.net.http.HttpClient} (it cost every CLI call about 0.4 s: it sets up TLS
 * even for plain HTTP, and its selector thread held the JVM's exit back by 300 ms), and not
 * {@code HttpURLConnection} (about 0.1 s on DCI's class path, and it may send a POST again on
 * its own).
 */
final class ApiClient {
  private static final int CONNECT_MILLIS = 5_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final String baseUrl;
  private final String token;

  ApiClient(String baseUrl, String token) {
    try {
      URI u = URI.create(baseUrl);
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new CliError(CliError.USAGE, "invalid --url '" + baseUrl + "': expected http://HOST:PORT or https://HOST:PORT");
    }
    this.baseUrl = baseUrl;
    this.token = token;
  }

  JsonNode get(String path) {
    return send("GET", path, null, null, TIMEOUT);
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, Json.bytes(body), "application/json", TIMEOUT);
  }

  /** POSTs raw bytes of {@code contentType}. */
  JsonNode postBytes(String path, byte[] body, String contentType) {
    return send("POST", path, body, contentType, TIMEOUT);
  }

  /** GETs a text body (e.g. an XML document), with the same error handling. */
  String getText(String path) {
    Answer a = exchange("GET", path, null, null, TIMEOUT);
    check(a);
    return a.body();
  }

  /**
   * GETs a text body and copies it to {@code out} as it arrives (an export far larger than
   * memory); an error answer is read whole and thrown as for the other calls.
   */
  void getTextTo(String path, Writer out) {
    try (CliHttp.Answer a = open("GET", path, null, null, TIMEOUT)) {
      int status = a.status();
      if (status >= 400 || status < 100) {
        check(new Answer(status, CliHttp.text(a.body())));
      }
      try (Reader in = new InputStreamReader(a.body(), StandardCharsets.UTF_8)) {
        in.transferTo(out);
      }
      out.flush();
    } catch (IOException | IllegalArgumentException e) {
      throw failed(e);
    }
  }

  /** POSTs JSON with a longer wait than the default, for calls that run work (a desk command). */
  JsonNode post(String path, Object body, Duration wait) {
    return send("POST", path, Json.bytes(body), "application/json", wait);
  }

  String baseUrl() {
    return baseUrl;
  }

  String token() {
    return token;
  }

  /** PUTs raw bytes of {@code contentType}. */
  JsonNode putBytes(String path, byte[] body, String contentType) {
    return send("PUT", path, body, contentType, TIMEOUT);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, Json.bytes(body), "application/json", TIMEOUT);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null, null, TIMEOUT);
  }

  /** GETs a reply and reads it as {@code type}, the record of the API's wire contract. */
  <T> T get(String path, Class<T> type) {
    return Wire.read(get(path), type);
  }

  /** PUTs {@code body} and reads the reply as {@code type}. */
  <T> T put(String path, Object body, Class<T> type) {
    return Wire.read(put(path, body), type);
  }

  /** POSTs {@code body} and reads the reply as {@code type}. */
  <T> T post(String path, Object body, Class<T> type) {
    return Wire.read(post(path, body), type);
  }

  /** POSTs raw bytes of {@code contentType} and reads the reply as {@code type}. */
  <T> T postBytes(String path, byte[] body, String contentType, Class<T> type) {
    return Wire.read(postBytes(path, body, contentType), type);
  }

  /** A status and its body as text. */
  private record Answer(int status, String body) {}

  private JsonNode send(String method, String path, byte[] body, String type, Duration wait) {
    Answer a = exchange(method, path, body, type, wait);
    check(a);
    return parse(a.body());
  }

  private Answer exchange(String method, String path, byte[] body, String type, Duration wait) {
    try (CliHttp.Answer a = open(method, path, body, type, wait)) {
      return new Answer(a.status(), CliHttp.text(a.body()));
    } catch (IOException | IllegalArgumentException e) {
      throw failed(e);
    }
  }

  private CliHttp.Answer open(String method, String path, byte[] body, String type, Duration wait)
      throws IOException {
    URI u = URI.create(baseUrl + path);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("Content-Type", type);
    }
    String target = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
        + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
    return CliHttp.exchange(u, method, target, headers, body, CONNECT_MILLIS,
        (int) Math.min(Integer.MAX_VALUE, wait.toMillis()));
  }

  /** What a failed exchange with the API means to the operator. */
  private CliError failed(Exception e) {
    if (e instanceof ConnectException) {
      return unreachable();
    }
    if (e instanceof javax.net.ssl.SSLHandshakeException) {
      return new CliError(CliError.UNREACHABLE, "the blade at " + baseUrl + " is not one this CLI trusts ("
          + e.getMessage() + "): log in with --cacert DATA/tls/ca.crt of the cluster"
          + (CliTrust.trusted() != null ? ", or remove " + CliTrust.trusted() + " if the cluster was made anew" : ""));
    }
    if (e instanceof SocketTimeoutException) {
      return new CliError(CliError.UNREACHABLE, "the DCI API at " + baseUrl + " did not answer in time");
    }
    return new CliError(CliError.UNREACHABLE, "cannot talk to the DCI API at " + baseUrl + ": " + e);
  }

  private CliError unreachable() {
    return new CliError(CliError.UNREACHABLE,
        "cannot reach the DCI API at " + baseUrl + ": connection refused (is a blade running? see --url, DCI_URL)");
  }

  private void check(Answer rsp) {
    JsonNode body = parse(rsp.body());
    int code = rsp.status();
    if (code < 100) {
      throw new CliError(CliError.FAILED, "the DCI API at " + baseUrl + " sent a malformed answer");
    }
    if (code < 400) {
      return;
    }
    String error = errorMessage(body);
    String message = error != null ? error : "HTTP " + code;
    if (code == 401) {
      throw new CliError(CliError.NOT_AUTHENTICATED, "not authenticated: " + message);
    }
    if (code == 403) {
      throw new CliError(CliError.FORBIDDEN, "forbidden: " + message);
    }
    throw new CliError(CliError.FAILED, message + " (HTTP " + code + ")");
  }

  /**
   * The sentence of an error answer ({@link ErrorBody}), or null if {@code body} is none. Read
   * leniently: an error without its status (a peerlet's, relayed) still gives its sentence.
   */
  static String errorMessage(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    try {
      return Json.mapper().readerFor(ErrorBody.class)
          .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).<ErrorBody>readValue(body).error();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
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
