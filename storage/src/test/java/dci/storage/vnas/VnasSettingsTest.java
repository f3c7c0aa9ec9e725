package dci.storage.vnas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class VnasSettingsTest {
  private static VnasSettings of(String vnas) {
    return VnasSettings.fromConfig(ConfigFactory.parseString("dci.storage.contribute = 1GiB\ndci.vnas {" + vnas + """
         , cache-size = 0, write-timeout = 1s, transfer-timeout = 1s, publish-interval = 1s,
        keeper-interval = 1s, gc-grace = 1s, hot-reads = 0, put-parallelism = 1, index-settle = 1s,
        read-ahead-budget = 1MiB }
        """));
  }

  @Test
  void theDeepestFolderRuleWinsElseTheDefaults() {
    VnasSettings s = of("stripe-size = 4MiB, replicas = 2, rules = [{ path = \"/v\", replicas = 3 },"
        + " { path = \"/v/hd\", stripe-size = 16MiB }]");
    assertThat(s.ruleFor(VnasPath.parse("/v/hd/a.mkv")).stripeSize()).isEqualTo(16 << 20);
    assertThat(s.ruleFor(VnasPath.parse("/v/a.mkv")).replicas()).isEqualTo(3);
    assertThat(s.ruleFor(VnasPath.parse("/doc.txt")).replicas()).isEqualTo(2);
  }

  @Test
  void stripesAbove64MiBOrNoReplicasAreRefusedAtStart() {
    assertThatThrownBy(() -> of("stripe-size = 128MiB, replicas = 2, rules = []"))
        .hasMessageContaining("64 MiB");
    assertThatThrownBy(() -> of("stripe-size = 4MiB, replicas = 2, rules = [{ path = \"/x\", replicas = 0 }]"))
        .hasMessageContaining("replicas");
  }
}
