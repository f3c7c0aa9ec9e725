package dci.app.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Finds which addresses have a TCP port open, within bounds: at most {@code maxConcurrent}
 * connects in flight, at most {@code rate} started a second, each given up after
 * {@code connectTimeout}. One thread (non-blocking connects on a selector); nothing is sent, the
 * connection is closed as soon as it is made.
 */
final class Prober {
  private final DiscoverySettings bounds;

  Prober(DiscoverySettings bounds) {
    this.bounds = bounds;
  }

  /** The addresses whose {@code port} accepted a connection, in the order given. Blocks. */
  List<InetAddress> open(List<InetAddress> addresses, int port) throws IOException {
    boolean[] open = new boolean[addresses.size()];
    long gapNanos = 1_000_000_000L / bounds.rate();
    long timeoutNanos = bounds.connectTimeout().toNanos();
    try (Selector selector = Selector.open()) {
      int next = 0;
      long nextStart = System.nanoTime();
      while (next < addresses.size() || !selector.keys().isEmpty()) {
        long now = System.nanoTime();
        while (next < addresses.size() && selector.keys().size() < bounds.maxConcurrent() && now >= nextStart) {
          start(selector, addresses.get(next), port, next, now + timeoutNanos, open);
          next++;
          // paced from now: a late start does not let the next ones burst to catch up
          nextStart = Math.max(nextStart, now) + gapNanos;
        }
        long wait = Math.max(1, Math.min(nextDeadline(selector, now + timeoutNanos) - now,
            next < addresses.size() ? nextStart - now : Long.MAX_VALUE) / 1_000_000);
        selector.select(wait);
        finishReady(selector, open);
        expire(selector, System.nanoTime());
      }
    }
    List<InetAddress> out = new ArrayList<>();
    for (int i = 0; i < open.length; i++) {
      if (open[i]) {
        out.add(addresses.get(i));
      }
    }
    return out;
  }

  private record Attempt(int index, long deadline) {}

  private static void start(Selector selector, InetAddress address, int port, int index, long deadline, boolean[] open)
      throws IOException {
    SocketChannel ch = SocketChannel.open();
    try {
      ch.configureBlocking(false);
      if (ch.connect(new InetSocketAddress(address, port))) {
        open[index] = true;
        ch.close();
        return;
      }
      ch.register(selector, SelectionKey.OP_CONNECT, new Attempt(index, deadline));
    } catch (IOException e) {
      ch.close(); // unreachable network, refused at once: closed
    }
  }

  private static void finishReady(Selector selector, boolean[] open) {
    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
    while (it.hasNext()) {
      SelectionKey key = it.next();
      it.remove();
      SocketChannel ch = (SocketChannel) key.channel();
      try {
        if (ch.finishConnect()) {
          open[((Attempt) key.attachment()).index()] = true;
        }
      } catch (IOException refused) {
        // closed
      }
      close(key);
    }
  }

  private static void expire(Selector selector, long now) {
    for (SelectionKey key : selector.keys()) {
      if (key.isValid() && ((Attempt) key.attachment()).deadline() <= now) {
        close(key);
      }
    }
  }

  private static long nextDeadline(Selector selector, long fallback) {
    long d = fallback;
    for (SelectionKey key : selector.keys()) {
      if (key.isValid()) {
        d = Math.min(d, ((Attempt) key.attachment()).deadline());
      }
    }
    return d;
  }

  private static void close(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
