package dci.actors.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.TestBlades;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Leave;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three blades in one JVM: every directory converges to three Up blades, then reports a blade
 * that left gracefully as Removed (and pushes it to its watchers) and one that was downed as Down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryClusterTest {
  @TempDir static Path dir;
  static TestBlades blades;

  @BeforeAll
  static void start() {
    blades = TestBlades.start(3, dir);
  }

  @AfterAll
  static void stop() {
    if (blades != null) {
      blades.close();
    }
  }

  static List<BladeInfo> directoryOf(int k) {
    TestProbe<Directory.Blades> probe = TestProbe.create(blades.systems.get(k - 1));
    blades.parts.get(k - 1).directory().tell(new Directory.GetBlades(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(5)).blades();
  }

  @Test
  @Order(1)
  void everyDirectoryConvergesToThreeUpBladesWithTheirFiguresAndTheirApiOnceServed() {
    for (int k = 1; k <= 3; k++) {
      int blade = k;
      TestProbe<Object> waiter = TestProbe.create(blades.systems.get(0));
      waiter.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
        List<BladeInfo> seen = directoryOf(blade);
        assertThat(seen).extracting(BladeInfo::name).containsExactly("blade-1", "blade-2", "blade-3");
        assertThat(seen).allSatisfy(b -> {
          assertThat(b.status()).isEqualTo(BladeStatus.Up);
          assertThat(b.dataCenter()).isEqualTo("default");
          assertThat(b.roles()).as("the blade's own roles (its name) are no operator's").isEmpty();
          assertThat(b.address()).startsWith("127.0.0.1:");
          assertThat(b.totalBytes()).isPositive();
          assertThat(b.freeBytes()).isPositive().isLessThanOrEqualTo(b.totalBytes());
          assertThat(b.upSince()).isNotNull();
          assertThat(b.api()).as("no API named before the blade serves it").isNull();
        });
        return null;
      });
    }
    blades.parts.forEach(p -> p.directory().tell(Directory.ApiServing.INSTANCE));
    for (int k = 1; k <= 3; k++) {
      int blade = k;
      TestProbe<Object> waiter = TestProbe.create(blades.systems.get(0));
      waiter.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
        assertThat(directoryOf(blade)).allSatisfy(b -> assertThat(b.api()).startsWith("http://127.0.0.1:"));
        return null;
      });
    }
  }

  @Test
  @Order(2)
  void aBladeThatLeavesIsReportedRemovedWhileTheOthersStayUpAndWatchersAreToldWithoutAsking() {
    TestProbe<Directory.Blades> watcher = TestProbe.create(blades.systems.get(0));
    blades.parts.get(0).directory().tell(new Directory.Watch(watcher.getRef()));
    assertThat(watcher.receiveMessage(Duration.ofSeconds(5)).blades()).as("the directory as it is, at once")
        .extracting(BladeInfo::status).containsOnly(BladeStatus.Up).hasSize(3);
    var leaving = Cluster.get(blades.systems.get(2));
    leaving.manager().tell(Leave.create(leaving.selfMember().address()));
    watcher.fishForMessage(Duration.ofSeconds(30), "blade-3 pushed as Removed", b -> b.blades().stream()
        .anyMatch(i -> i.name().equals("blade-3") && i.status() == BladeStatus.Removed)
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore());
    TestProbe<Object> waiter = TestProbe.create(blades.systems.get(0));
    waiter.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
      Map<String, BladeStatus> status = directoryOf(1).stream()
          .collect(Collectors.toMap(BladeInfo::name, BladeInfo::status));
      assertThat(status).containsEntry("blade-3", BladeStatus.Removed)
          .containsEntry("blade-1", BladeStatus.Up)
          .containsEntry("blade-2", BladeStatus.Up);
      return null;
    });
  }

  @Test
  @Order(3)
  void aBladeRemovedAfterBeingDownedIsReportedDown() {
    var blade1 = Cluster.get(blades.systems.get(0));
    var blade2 = Cluster.get(blades.systems.get(1)).selfMember().address();
    blade1.manager().tell(new Down(blade2));
    TestProbe<Object> waiter = TestProbe.create(blades.systems.get(0));
    waiter.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
      Map<String, BladeStatus> status = directoryOf(1).stream()
          .collect(Collectors.toMap(BladeInfo::name, BladeInfo::status));
      assertThat(status).containsEntry("blade-2", BladeStatus.Down)
          .containsEntry("blade-3", BladeStatus.Removed)
          .containsEntry("blade-1", BladeStatus.Up);
      assertThat(blade1.state().getMembers()).as("blade-2 is out of the membership, not only marked")
          .noneMatch(m -> m.address().equals(blade2));
      return null;
    });
  }
}
