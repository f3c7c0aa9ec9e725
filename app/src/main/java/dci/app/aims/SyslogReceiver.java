package dci.app.aims;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's syslog socket ({@code /dev/log}) kept by the blade when no syslog daemon keeps it
 * (a container, a minimal install): {@code logger} and {@code syslog(3)} fall back to a stream
 * socket when the datagram connect is refused, so a Unix stream server is enough. Each message
 * is written to {@code DATA/aims/syslog.log} as {@code TIME HOST TAG[PID]: TEXT} (rotated once
 * at a size cap), which {@link SystemLog} reads. It binds only a path that does not exist or a
 * stale socket nobody answers on; it removes the socket when the blade stops. Runs on its own
 * daemon threads (blocking accept and reads), never on an actor's.
 */
final class SyslogReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogReceiver.class);
  private static final Pattern PRI = Pattern.compile("<(\\d{1,3})>(?:1 )?(.*)", Pattern.DOTALL);
  private static final Pattern BSD_HEAD = Pattern.compile("[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d (.*)", Pattern.DOTALL);
  private static final int MAX_CLIENTS = 16;
  private static final int MAX_MESSAGE = 8192;
  private final Path socket;
  private final Path file;
  private final long maxBytes;
  private final Clock clock;
  private final String host;
  private final ServerSocketChannel server;
  private final Semaphore clients = new Semaphore(MAX_CLIENTS);
  private volatile boolean open = true;

  private SyslogReceiver(Path socket, Path file, long maxBytes, Clock clock, ServerSocketChannel server) {
    this.socket = socket;
    this.file = file;
    this.maxBytes = maxBytes;
    this.clock = clock;
    this.server = server;
    String h;
    try {
      h = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      h = "localhost";
    }
    this.host = h.replaceAll("\\s", "");
  }

  /**
   * Listens on {@code socket} if nothing else does; null when something answers there already or
   * the path cannot be bound (the reason is logged at INFO: another blade or daemon keeps it).
   */
  static SyslogReceiver start(Path socket, Path file, long maxBytes, Clock clock) {
    try {
      if (Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        var attrs = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isOther()) {
          LOG.info("{} exists and is not a socket: not receiving syslog", socket);
          return null;
        }
        if (answers(socket)) {
          LOG.info("{} is kept by another process: not receiving syslog", socket);
          return null;
        }
        Files.delete(socket); // a stale socket of a process that died
      }
      Files.createDirectories(file.getParent());
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      socket.toFile().setWritable(true, false);
      SyslogReceiver r = new SyslogReceiver(socket, file, maxBytes, clock, server);
      Thread t = new Thread(r::acceptLoop, "dci-syslog-accept");
      t.setDaemon(true);
      t.start();
      LOG.info("receiving the host's syslog on {} into {}", socket, file);
      return r;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info("cannot receive syslog on {}: {}", socket, e.getMessage());
      return null;
    }
  }

  private static boolean answers(Path socket) {
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  Path file() {
    return file;
  }

  private void acceptLoop() {
    while (open) {
      try {
        SocketChannel c = server.accept();
        if (!clients.tryAcquire()) {
          c.close(); // too many at once: the client retries or gives up, as with a busy daemon
          continue;
        }
        Thread t = new Thread(() -> serve(c), "dci-syslog-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (open) {
          LOG.warn("syslog receiver on {}: {}", socket, e.getMessage());
        }
        return;
      }
    }
  }

  /** Reads messages ended by a newline or a NUL (as logger and syslog(3) frame them on a stream). */
  private void serve(SocketChannel c) {
    try (c; InputStream in = Channels.newInputStream(c)) {
      java.io.ByteArrayOutputStream msg = new java.io.ByteArrayOutputStream();
      for (int b; (b = in.read()) >= 0; ) {
        if (b == '\n' || b == 0) {
          flush(msg);
        } else if (msg.size() < MAX_MESSAGE) {
          msg.write(b);
        }
      }
      flush(msg);
    } catch (IOException ignored) {
      // the client went away
    } finally {
      clients.release();
    }
  }

  private void flush(java.io.ByteArrayOutputStream msg) {
    if (msg.size() > 0) {
      write(line(msg.toString(StandardCharsets.UTF_8)));
      msg.reset();
    }
  }

  /** {@code <13>Dec  7 03:03:01 tag[12]: text} (or RFC 5424's head) as the receiver's line. */
  String line(String raw) {
    String rest = raw;
    Matcher m = PRI.matcher(raw);
    if (m.matches()) {
      rest = m.group(2);
    }
    Matcher bsd = BSD_HEAD.matcher(rest);
    if (bsd.matches()) {
      rest = bsd.group(1);
    } else if (rest.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ \\S+ .*")) {
      // RFC 5424: TIME HOST APP PROCID MSGID SD MSG -> APP[PROCID]: MSG
      String[] f = rest.split(" ", 7);
      rest = f.length == 7 ? f[2] + ("-".equals(f[3]) ? "" : "[" + f[3] + "]") + ": " + f[6] : rest;
    }
    if (!rest.matches("(?s)[^:\\[\\s]+(\\[\\d+])?:.*")) {
      rest = "unknown: " + rest;
    }
    return clock.instant() + " " + host + " " + rest.replace('\n', ' ').replace('\r', ' ');
  }

  private synchronized void write(String line) {
    try {
      if (Files.exists(file) && Files.size(file) > maxBytes) {
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", file, e.getMessage());
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", socket, e.getMessage());
    }
  }
}
