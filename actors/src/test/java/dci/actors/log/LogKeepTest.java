package dci.actors.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dci.actors.DciConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code dci.log.keep} as operators write it: off by default, an age, a count, or both. */
class LogKeepTest {
  private static LogKeep keep(String text) {
    return LogKeep.from(ConfigFactory.parseString(text).withFallback(DciConfig.base(null)).resolve());
  }

  @Test
  void theDefaultsKeepEverything() {
    LogKeep k = keep("");
    assertThat(k.on()).isFalse();
    assertThat(k.describe()).isEqualTo("off");
    assertThat(k.interval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void anAgeACountOrBoth() {
    assertThat(keep("dci.log.keep.age = 1h").describe()).isEqualTo("age 1h");
    assertThat(keep("dci.log.keep { count = 1000000 }").count()).isEqualTo(1_000_000L);
    LogKeep both = keep("dci.log.keep { age = 90m, count = 5, interval = 30s }");
    assertThat(both.describe()).isEqualTo("age 90m, count 5");
    assertThat(both.age()).isEqualTo(Duration.ofMinutes(90));
    assertThat(both.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(keep("dci.log.keep.age = 2d").describe()).isEqualTo("age 2d");
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> keep("dci.log.keep.count = 0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keep("dci.log.keep.age = 0s")).isInstanceOf(IllegalArgumentException.class);
  }
}
