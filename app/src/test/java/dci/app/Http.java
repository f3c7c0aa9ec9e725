package dci.app;

import dci.protocol.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for API tests: JSON bodies in and out. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  /** A response: status, parsed body (null if not JSON), raw text, content type. */
  public record Reply(int status, JsonNode json, String text, String contentType, HttpResponse<String> raw) {}

  public static Reply get(String url, String token) {
    return send(builder(url, token).GET());
  }

  public static Reply post(String url, String token, String body) {
    return send(builder(url, token).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public static Reply put(String url, String token, String body) {
    return send(builder(url, token).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public static Reply delete(String url, String token) {
    return send(builder(url, token).DELETE());
  }

  /** Logs in and returns the token; fails the test if refused. */
  public static String login(String baseUrl, String user, String password) {
    Reply r = post(baseUrl + "/api/login", null,
        "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
    if (r.status() != 200) {
      throw new AssertionError("login of " + user + " at " + baseUrl + " answered " + r.status() + " " + r.text());
    }
    return r.json().get("token").asText();
  }

  private static HttpRequest.Builder builder(String url, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static Reply send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = r.body().isBlank() ? null : Json.mapper().readTree(r.body());
      } catch (IOException notJson) {
        // left null: the test asserts on it
      }
      return new Reply(r.statusCode(), json, r.body(), r.headers().firstValue("Content-Type").orElse(""), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
