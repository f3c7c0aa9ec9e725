package dci.app.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void aRangeIsEveryAddressOfItsBlock() {
    List<InetAddress> all = Targets.range("127.0.0.5/29", 1024);
    assertThat(all).hasSize(8);
    assertThat(all.get(0).getHostAddress()).isEqualTo("127.0.0.0");
    assertThat(all.get(7).getHostAddress()).isEqualTo("127.0.0.7");
    assertThat(Targets.range("10.1.2.3/32", 1024)).extracting(InetAddress::getHostAddress).containsExactly("10.1.2.3");
    assertThat(Targets.range("10.0.0.0/22", 1024)).hasSize(1024);
  }

  @Test
  void aRangeOverTheCapOrMalformedIsRefused() {
    assertThatThrownBy(() -> Targets.range("10.0.0.0/21", 1024)).hasMessageContaining("2048 addresses")
        .hasMessageContaining("/22");
    assertThatThrownBy(() -> Targets.range("10.0.0.0/8", 1024)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Targets.range("10.0.0.0", 1024)).hasMessageContaining("not an IPv4 CIDR range");
    assertThatThrownBy(() -> Targets.range("10.0.0.256/24", 1024)).hasMessageContaining("256 > 255");
    assertThatThrownBy(() -> Targets.range("10.0.0.0/33", 1024)).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> Targets.range("fe80::/120", 1024)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rangeAndHostsTogetherAreDeduplicatedAndCapped() {
    assertThat(Targets.of("127.0.0.0/30", List.of("127.0.0.1", "127.0.0.9"), 1024)).hasSize(5);
    assertThatThrownBy(() -> Targets.of("127.0.0.0/30", List.of("127.0.0.9"), 4))
        .hasMessageContaining("5 addresses are more than the 4");
    assertThatThrownBy(() -> Targets.of(null, List.of(), 4)).hasMessageContaining("give a range");
    assertThatThrownBy(() -> Targets.of(null, List.of("bad host!"), 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
