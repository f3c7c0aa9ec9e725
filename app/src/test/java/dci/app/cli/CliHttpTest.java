package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI's own HTTP/1.1 exchange against a loopback server that answers with fixed bytes: what
 * it sends, and how it reads bodies by length, in chunks and to the end, and what it refuses.
 */
class CliHttpTest {
  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  /** Serves {@code answer} to the next connection; completes with the request it read. */
  private CompletableFuture<String> serve(String answer) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket s = server.accept()) {
        String request = readRequest(s.getInputStream());
        OutputStream out = s.getOutputStream();
        out.write(answer.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return request;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (!b.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
      b.write(in.read());
    }
    String head = b.toString(StandardCharsets.ISO_8859_1);
    int at = head.toLowerCase().indexOf("content-length: ");
    if (at >= 0) {
      int n = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)).trim());
      b.write(in.readNBytes(n));
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private String call(String method, String target, byte[] body) throws IOException {
    try (CliHttp.Answer a = CliHttp.exchange(base(), method, target, Map.of("Accept", "application/json"), body,
        2_000, 2_000)) {
      return a.status() + " " + CliHttp.text(a.body());
    }
  }

  @Test
  void sendsOneRequestWithHostLengthAndCloseAndReadsABodyByItsLength() throws Exception {
    CompletableFuture<String> seen = serve("HTTP/1.1 201 Created\r\nContent-Length: 7\r\nContent-Type: application/json"
        + "\r\n\r\n{\"a\":1}trailing bytes not part of the body");
    assertThat(call("POST", "/api/x?y=1%202", "{\"b\":2}".getBytes(StandardCharsets.UTF_8))).isEqualTo("201 {\"a\":1}");
    assertThat(seen.get()).startsWith("POST /api/x?y=1%202 HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + server.getLocalPort() + "\r\n", "Connection: close\r\n",
            "Accept: application/json\r\n", "Content-Length: 7\r\n")
        .endsWith("\r\n\r\n{\"b\":2}");
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
    serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=x\r\nhello\r\n1\r\n \r\n6\r\nblades\r\n0\r\nX-Trailer: t\r\n\r\n");
    assertThat(call("GET", "/", null)).isEqualTo("200 hello blades");
  }

  @Test
  void skipsAnInterimAnswerAndReadsToTheEndWithoutALength() throws Exception {
    serve("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nX-A: 1\r\nX-A: 2\r\n\r\n{\"error\":\"no\"}");
    try (CliHttp.Answer a = CliHttp.exchange(base(), "GET", "/", Map.of(), null, 2_000, 2_000)) {
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.headers()).containsEntry("x-a", "1, 2");
      assertThat(CliHttp.text(a.body())).isEqualTo("{\"error\":\"no\"}");
    }
  }

  @Test
  void aBodyCutShortOrAMalformedAnswerIsAnErrorNotATruncatedSuccess() throws Exception {
    serve("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
    assertThatThrownBy(() -> call("GET", "/", null)).isInstanceOf(IOException.class).hasMessageContaining("still to come");
    serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    assertThatThrownBy(() -> call("GET", "/", null)).isInstanceOf(IOException.class).hasMessageContaining("chunk size");
    serve("SSH-2.0-OpenSSH\r\n\r\n");
    assertThatThrownBy(() -> call("GET", "/", null)).isInstanceOf(IOException.class).hasMessageContaining("not an HTTP answer");
  }

  @Test
  void anAnswerSentBeforeABigBodyWasReadIsTheAnswerNotABrokenPipe() throws Exception {
    CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          head.write(in.read());
        }
        s.getOutputStream().write(("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 20\r\n\r\n"
            + "{\"error\":\"too big\"}\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        s.shutdownOutput();
        in.readNBytes(64 * 1024); // a little of the body, then it closes with the rest unread
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(call("POST", "/api/replay", new byte[64 << 20])).isEqualTo("413 {\"error\":\"too big\"}\n");
    served.get();
  }

  @Test
  void aSilentServerTimesOut() {
    // the server accepts (backlog) but never answers
    assertThatThrownBy(() -> CliHttp.exchange(base(), "GET", "/", Map.of(), null, 2_000, 300))
        .isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void refusesATargetOrHeaderThatWouldSplitTheRequest() {
    assertThatThrownBy(() -> call("GET", "/a b", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CliHttp.exchange(base(), "GET", "/", Map.of("Authorization", "Bearer x\r\nX-Evil: 1"),
        null, 2_000, 2_000)).isInstanceOf(IllegalArgumentException.class);
  }
}
