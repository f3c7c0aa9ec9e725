package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dci.actors.DciConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code dci.failover} as read from the defaults and an operator's overrides, and method names. */
class FailoverSettingsTest {
  private static FailoverSettings with(String overrides) {
    return FailoverSettings.from(ConfigFactory.parseString(overrides).withFallback(DciConfig.base(null)));
  }

  @Test
  void theDefaultsAreReadFromDciDefaultsConfAndLeaveTheMethodToThePlan() {
    FailoverSettings s = with("");
    assertThat(s.enabled()).isTrue();
    assertThat(s.tick()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.probeTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.deskHold()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.copyTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.writeTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.defaultMethod()).isNull();
    assertThat(s.methods()).isEmpty();
    assertThat(s.methodOf("blade-1")).as("auto").isNull();
    assertThat(s.dataCenter()).as("Pekko's data center of a blade that names none").isEqualTo("default");
    assertThat(with("dci.failover.data-center = cage-a").dataCenter()).isEqualTo("cage-a");
  }

  @Test
  void aMethodNamedPerBladeAppliesToThatBladeOnly() {
    FailoverSettings s = with("dci.failover.methods { blade-3 = from-backup, blade-4 = fig7 }");
    assertThat(s.methodOf("blade-3")).isEqualTo(FailoverMethod.from_backup);
    assertThat(s.methodOf("blade-4")).isEqualTo(FailoverMethod.pre_copied);
    assertThat(s.methodOf("blade-1")).isNull();
  }

  @Test
  void aMethodForEveryBladeAppliesWhereNoBladeSaysOtherwise() {
    FailoverSettings s = with("dci.failover { method = copy-after-detection, methods { blade-3 = from-backup } }");
    assertThat(s.methodOf("blade-1")).isEqualTo(FailoverMethod.copy_after_detection);
    assertThat(s.methodOf("blade-3")).isEqualTo(FailoverMethod.from_backup);
  }

  @Test
  void autoForOneBladeLetsThePlanDecideForItEvenWhenEveryOtherBladeHasAMethod() {
    FailoverSettings s = with("dci.failover { method = from-backup, methods { blade-3 = auto } }");
    assertThat(s.methodOf("blade-3")).isNull();
    assertThat(s.methodOf("blade-1")).isEqualTo(FailoverMethod.from_backup);
  }

  @Test
  void autoIsReadInAnyCaseLikeTheMethodNames() {
    FailoverSettings s = with("dci.failover { method = AUTO, methods { blade-3 = \" Auto\", blade-4 = FIG8 } }");
    assertThat(s.defaultMethod()).isNull();
    assertThat(s.methodOf("blade-3")).isNull();
    assertThat(s.methodOf("blade-4")).isEqualTo(FailoverMethod.from_backup);
  }

  @Test
  void anUnknownMethodInTheConfigurationIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> with("dci.failover.methods { blade-3 = teleport }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown fail-over method 'teleport': one of copy-after-detection (fig6)");
    assertThatThrownBy(() -> with("dci.failover.method = fig9")).hasMessageContaining("'fig9'");
  }

  @Test
  void methodNamesAreReadInAnyOfTheirSpellings() {
    for (String t : new String[] {"copy-after-detection", "copy_after_detection", "COPY", "fig6", " Fig6 "}) {
      assertThat(FailoverMethod.parse(t)).as(t).isEqualTo(FailoverMethod.copy_after_detection);
    }
    for (String t : new String[] {"pre-copied", "pre_copied", "mirror", "fig7"}) {
      assertThat(FailoverMethod.parse(t)).as(t).isEqualTo(FailoverMethod.pre_copied);
    }
    for (String t : new String[] {"from-backup", "from_backup", "backup", "FIG8"}) {
      assertThat(FailoverMethod.parse(t)).as(t).isEqualTo(FailoverMethod.from_backup);
    }
  }

  @Test
  void aFailedFailOverIsRetriedAfterTheConfiguredWaitDoublingUpToFiveMinutes() {
    FailoverSettings s = with("dci.failover.retry-after = 10s");
    assertThat(s.retryAfter(1)).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(s.retryAfter(2)).isEqualTo(java.time.Duration.ofSeconds(20));
    assertThat(s.retryAfter(3)).isEqualTo(java.time.Duration.ofSeconds(40));
    assertThat(s.retryAfter(60)).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(with("").retryAfter()).as("the default").isEqualTo(java.time.Duration.ofSeconds(10));
  }

  @Test
  void aBladeRunningFailOverCarriesTheRoleTheCoordinatorRunsOn() {
    assertThat(new FailoverFeature().clusterRoles(DciConfig.base(null))).containsExactly(FailoverFeature.ROLE);
    assertThat(new FailoverFeature().clusterRoles(ConfigFactory.parseString("dci.failover.enabled = off")
        .withFallback(DciConfig.base(null)))).isEmpty();
  }
}
