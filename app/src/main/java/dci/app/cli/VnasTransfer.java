package dci.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Streams files to and from a blade's WebDAV mount point (never the whole file in memory),
 * drawing a progress line on stderr when it is a terminal.
 */
final class VnasTransfer {
  private static final HttpClient HTTP = CliTrust.httpClient(Duration.ofSeconds(5));
  private final String base;
  private final String token;
  private final PrintWriter err;
  private final boolean progress;

  VnasTransfer(String base, String token, PrintWriter err, boolean progress) {
    this.base = base;
    this.token = token;
    this.err = err;
    this.progress = progress;
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

  /** An input stream that reports how much went through it. */
  InputStream counting(InputStream in, long total, String label) {
    return new InputStream() {
      private long done;
      private long lastDraw;
      private final long start = System.nanoTime();

      @Override
      public int read() throws IOException {
        int c = in.read();
        if (c >= 0) {
          advance(1);
        }
        return c;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          advance(n);
        }
        return n;
      }

      private void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (progress && (now - lastDraw > 200_000_000L || done == total)) {
          lastDraw = now;
          draw(label, done, total, now - start);
        }
      }

      @Override
      public void close() throws IOException {
        if (progress) {
          draw(label, done, total, System.nanoTime() - start);
          err.print("\n");
          err.flush();
        }
        in.close();
      }
    };
  }

  private void draw(String label, long done, long total, long nanos) {
    double mibs = done / 1048576.0 / Math.max(1e-9, nanos / 1e9);
    String pct = total > 0 ? String.format("%3d%%", (int) (100.0 * done / total)) : "    ";
    int width = 30;
    int fill = total > 0 ? (int) (width * done / Math.max(1, total)) : 0;
    err.printf("\r%s %s [%s%s] %.1f / %s MiB  %.1f MiB/s", label, pct, "=".repeat(fill), " ".repeat(width - fill),
        done / 1048576.0, total > 0 ? String.format("%.1f", total / 1048576.0) : "?", mibs);
    err.flush();
  }

  static void copy(InputStream in, OutputStream out) throws IOException {
    in.transferTo(out);
  }
}
