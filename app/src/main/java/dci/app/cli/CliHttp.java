package dci.app.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange of a CLI call with a blade's API, on a socket of its own
 * ({@code Connection: close}): the request with its body sent whole, then the answer's status,
 * headers and body, read by {@code Content-Length}, chunked, or to the end.
 *
 * <p>Why not {@code HttpURLConnection}: each CLI call is a fresh JVM, and that class costs it
 * about 100 ms before the first byte is sent on DCI's class path of ~90 jars -- its handler
 * lookup and its platform logger each ask every jar for a service provider, and it loads an
 * authentication cache, a keep-alive cache and cookie handling a one-shot call never uses. HTTPS
 * is TLS on the same socket with the host name checked as {@code HttpsURLConnection} checks it,
 * trusting the cluster's CA when the CLI keeps one ({@link CliTrust}).
 */
final class CliHttp {
  /** Longest status line or header line accepted from a blade. */
  private static final int MAX_LINE = 16 * 1024;
  /** Most header lines accepted in one answer. */
  private static final int MAX_HEADERS = 200;

  private CliHttp() {}

  /** An answer: its status, its headers (names in lower case), and its body as it arrives. */
  record Answer(int status, Map<String, String> headers, InputStream body, Socket socket) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * Sends {@code method target} to {@code base} (scheme, host and port) with {@code headers} and
   * {@code body} (null for none), and reads the answer's head. The caller reads the body and
   * closes the answer.
   */
  static Answer exchange(URI base, String method, String target, Map<String, String> headers, byte[] body,
      int connectMillis, int readMillis) throws IOException {
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    String host = base.getHost();
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    byte[] request = head(method, target, host, base.getPort(), headers, body).getBytes(StandardCharsets.ISO_8859_1);
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), connectMillis);
      socket.setSoTimeout(readMillis);
      socket.setTcpNoDelay(true);
      if (tls) {
        socket = secure(socket, host, port);
      }
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      try {
        out.write(request);
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // a blade may answer (413, 401) and close before reading a big body: its answer, if it
        // sent one, says more than the broken pipe
        if (!answered(in)) {
          throw e;
        }
      }
      int status;
      Map<String, String> answerHeaders;
      do { // interim answers (100 Continue) carry no body: the final one follows
        status = status(line(in));
        answerHeaders = headers(in);
      } while (status >= 100 && status < 200);
      return new Answer(status, answerHeaders, body(method, status, answerHeaders, in), socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Whether an answer is waiting to be read, after a request could not be sent whole. */
  private static boolean answered(InputStream in) {
    try {
      in.mark(1);
      boolean some = in.read() >= 0;
      in.reset();
      return some;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads a whole body as UTF-8 text. */
  static String text(InputStream body) throws IOException {
    return new String(body.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Socket secure(Socket plain, String host, int port) throws IOException {
    SSLContext trust = CliTrust.context();
    SSLSocketFactory f = trust != null ? trust.getSocketFactory() : (SSLSocketFactory) SSLSocketFactory.getDefault();
    SSLSocket s = (SSLSocket) f.createSocket(plain, host, port, true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS"); // the blade's certificate must name the host asked
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static String head(String method, String target, String host, int port, Map<String, String> headers,
      byte[] body) {
    if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
      throw new IllegalArgumentException("invalid request target " + target);
    }
    StringBuilder b = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host.contains(":") ? "[" + host + "]" : host).append(port > 0 ? ":" + port : "")
        .append("\r\nConnection: close\r\nUser-Agent: dci\r\n");
    headers.forEach((k, v) -> {
      if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("invalid value of header " + k);
      }
      b.append(k).append(": ").append(v).append("\r\n");
    });
    if (body != null) {
      b.append("Content-Length: ").append(body.length).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  private static int status(String line) throws IOException {
    // HTTP/1.1 200 OK
    if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
      throw new IOException("not an HTTP answer: " + abbreviate(line));
    }
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + abbreviate(line), e);
    }
  }

  private static Map<String, String> headers(InputStream in) throws IOException {
    Map<String, String> h = new LinkedHashMap<>();
    for (int n = 0; ; n++) {
      String line = line(in);
      if (line.isEmpty()) {
        return h;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || n >= MAX_HEADERS) {
        throw new IOException("malformed HTTP header: " + abbreviate(line));
      }
      h.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
  }

  private static InputStream body(String method, int status, Map<String, String> h, InputStream in)
      throws IOException {
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    if (h.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
      return new Chunked(in);
    }
    String length = h.get("content-length");
    if (length != null) {
      try {
        return new Bounded(in, Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        throw new IOException("malformed Content-Length: " + abbreviate(length), e);
      }
    }
    return in; // to the end: the blade closes the connection
  }

  /** A line ended by CRLF (or LF), without its end; at most {@link #MAX_LINE} bytes. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("the connection closed in the middle of an HTTP answer");
      }
      if (b.size() >= MAX_LINE) {
        throw new IOException("an HTTP answer's line is longer than " + MAX_LINE + " bytes");
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  /** The first {@code left} bytes of a stream. */
  private static final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException("the connection closed with " + left + " bytes of the answer still to come");
      }
      left -= n;
      return n;
    }
  }

  /** A chunked body (RFC 9112 section 7.1), trailers read and dropped. */
  static final class Chunked extends FilterInputStream {
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in);
        int ext = size.indexOf(';');
        try {
          left = Long.parseLong((ext >= 0 ? size.substring(0, ext) : size).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("malformed chunk size: " + abbreviate(size), e);
        }
        if (left < 0) {
          throw new IOException("malformed chunk size: " + abbreviate(size));
        }
        if (left == 0) {
          while (!line(in).isEmpty()) { // trailers
            continue;
          }
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException("the connection closed in the middle of a chunk");
      }
      left -= n;
      if (left == 0 && !line(in).isEmpty()) {
        throw new IOException("a chunk is not followed by CRLF");
      }
      return n;
    }
  }
}
