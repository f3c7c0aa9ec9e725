package dci.app.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded TCP probe: open and closed ports on loopback, and its pace. */
class ProberTest {

  @Test
  void findsTheAddressesWithThePortOpenAndKeepsItsRate() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.3", 0));
      List<InetAddress> targets = Targets.range("127.0.0.0/29", 1024);
      DiscoverySettings bounds = new DiscoverySettings(1024, 2, 40, Duration.ofMillis(500), Duration.ofSeconds(1),
          Duration.ofSeconds(90));
      long t0 = System.nanoTime();
      List<InetAddress> open = new Prober(bounds).open(targets, s.getLocalPort());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(open).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.3");
      // 8 connects at 40 a second: the last starts 7 gaps of 25 ms after the first
      assertThat(ms).isGreaterThanOrEqualTo(170);
    }
  }
}
