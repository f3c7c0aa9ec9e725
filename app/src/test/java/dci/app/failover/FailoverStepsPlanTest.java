package dci.app.failover;

import static dci.app.failover.FailoverPlanTest.MIRROR;
import static dci.app.failover.FailoverPlanTest.blade;
import static dci.app.failover.FailoverPlanTest.reading;
import static dci.app.failover.FailoverPlanTest.spare;
import static dci.app.failover.FailoverPlanTest.up;
import static org.assertj.core.api.Assertions.assertThat;

import dci.hardware.body.Reading;
import dci.hardware.port.PortRoute;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.BackupMethod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Planning one fail-over ({@link FailoverSteps#plan}) and the record it starts. */
class FailoverStepsPlanTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String ID = "blade-1@" + NOW.toEpochMilli();

  private static PortRoute port(String user, String blade) {
    return new PortRoute(user, PortRoute.portOf(user), blade, Instant.EPOCH, "assigned");
  }

  private static final List<PortRoute> PORTS = List.of(port("carol", "blade-1"), port("bob", "blade-2"),
      port("alice", "blade-1"));

  private static final List<BladeInfo> CLUSTER = List.of(blade("blade-1", BladeStatus.Unreachable), up("blade-2"),
      up("blade-3"), spare("spare-a"), spare("spare-b"));

  /** A delta backup of blade-1 kept on blade-3 (named, so no hashing decides which spare holds it). */
  private static final BackupConfig DELTA_ON_3 = new BackupConfig(null, null, null, 1, 0, List.of("blade-3"),
      BackupMethod.delta, null, null);

  /** blade-1 is lost (not readable), planned by blade-2, auto method. */
  private static FailoverRecord plan(String cause, boolean readable, List<BladeInfo> blades, Set<String> suspects,
      Map<String, Reading> health, List<PortRoute> ports, BackupConfig backup, FailoverMethod configured) {
    return FailoverSteps.plan(ID, "blade-1", cause, readable, NOW, "blade-2", blades, suspects, health, Map.of(),
        ports, backup, configured);
  }

  private static FailoverRecord lost(List<BladeInfo> blades, BackupConfig backup) {
    return plan("lost", false, blades, Set.of("blade-1"), Map.of(), PORTS, backup, null);
  }

  private static String lastStep(FailoverRecord r) {
    return r.steps().get(r.steps().size() - 1).what();
  }

  @Test
  void theUsersRoutedToTheFailedBladeMoveToTheFirstFreeSpareAndADeadBladeIsSwitchedAtOnce() {
    FailoverRecord r = lost(CLUSTER, DELTA_ON_3);
    assertThat(r.id()).isEqualTo(ID);
    assertThat(r.failed()).isEqualTo("blade-1");
    assertThat(r.cause()).isEqualTo("lost");
    assertThat(r.users()).as("sorted, bob stays on blade-2").containsExactly("alice", "carol");
    assertThat(r.replacement()).isEqualTo("spare-a");
    assertThat(r.method()).isEqualTo(FailoverMethod.from_backup);
    assertThat(r.state()).isEqualTo("switching");
    assertThat(r.over()).isFalse();
    assertThat(r.coordinator()).isEqualTo("blade-2");
    assertThat(r.started()).isEqualTo(NOW);
    assertThat(r.ended()).isNull();
    assertThat(r.steps()).extracting(FailoverRecord.Step::what)
        .containsExactly("detected: lost", "decided: spare-a replaces blade-1 by from-backup for alice, carol");
    assertThat(r.steps()).allSatisfy(s -> {
      assertThat(s.at()).isEqualTo(NOW);
      assertThat(s.blade()).isEqualTo("blade-2");
    });
  }

  @Test
  void aFailedBladeWithNoUsersIsDoneAtOnceEvenWithoutASpare() {
    FailoverRecord r = plan("lost", false, List.of(up("blade-2")), Set.of("blade-1"), Map.of(),
        List.of(port("bob", "blade-2")), BackupConfig.DEFAULT, null);
    assertThat(r.state()).isEqualTo("done");
    assertThat(r.over()).isTrue();
    assertThat(r.ended()).isEqualTo(NOW);
    assertThat(r.users()).isEmpty();
    assertThat(r.replacement()).isNull();
    assertThat(r.method()).isNull();
    assertThat(lastStep(r)).isEqualTo("no user's port is routed to blade-1: nothing to move");
  }

  @Test
  void withUsersButNoFreeSpareTheFailOverFails() {
    List<BladeInfo> blades = List.of(blade("blade-1", BladeStatus.Unreachable), up("blade-2"),
        blade("spare-a", BladeStatus.Unreachable, "spare"), spare("spare-b"));
    FailoverRecord r = plan("lost", false, blades, Set.of("blade-1", "spare-b"), Map.of(), PORTS,
        BackupConfig.DEFAULT, null);
    assertThat(r.state()).isEqualTo("failed");
    assertThat(r.over()).isTrue();
    assertThat(r.ended()).isEqualTo(NOW);
    assertThat(r.replacement()).isNull();
    assertThat(r.users()).containsExactly("alice", "carol");
    assertThat(r.steps()).extracting(FailoverRecord.Step::what)
        .containsExactly("detected: lost", "no free spare to replace blade-1");
  }

  @Test
  void aBladeStillReadableIsCopiedFirst() {
    List<BladeInfo> blades = List.of(up("blade-1"), up("blade-2"), spare("spare-a"));
    FailoverRecord r = plan("impending failure: hot", true, blades, Set.of(), Map.of(), PORTS, BackupConfig.DEFAULT,
        null);
    assertThat(r.method()).isEqualTo(FailoverMethod.copy_after_detection);
    assertThat(r.state()).isEqualTo("copying");
    assertThat(lastStep(r)).isEqualTo("decided: spare-a replaces blade-1 by copy-after-detection for alice, carol");
  }

  @Test
  void aDeadBladeMirroredOntoTheSpareIsPreCopiedByThatSpare() {
    // the mirror is named onto spare-b: it is chosen over spare-a, first by name
    BackupConfig mirrorOnB = new BackupConfig(null, null, null, 1, 0, List.of("spare-b"), BackupMethod.mirror, null,
        null);
    FailoverRecord r = lost(CLUSTER, mirrorOnB);
    assertThat(r.replacement()).isEqualTo("spare-b");
    assertThat(r.method()).isEqualTo(FailoverMethod.pre_copied);
    assertThat(r.state()).isEqualTo("copying");
  }

  @Test
  void underTheMirrorMethodTheSpareChosenIsOneTheMirrorKeepsCurrent() {
    List<BladeInfo> blades = List.of(blade("blade-1", BladeStatus.Unreachable), up("blade-2"), spare("spare-a"));
    FailoverRecord r = lost(blades, MIRROR);
    assertThat(r.replacement()).isEqualTo("spare-a");
    assertThat(r.method()).as("PeerChoice puts spares first under mirror").isEqualTo(FailoverMethod.pre_copied);
  }

  @Test
  void aMirrorHeldByAnOrdinaryBladeDoesNotMakeTheSparePreCopied() {
    BackupConfig mirrorOn3 = new BackupConfig(null, null, null, 1, 0, List.of("blade-3"), BackupMethod.mirror, null,
        null);
    FailoverRecord r = lost(CLUSTER, mirrorOn3);
    assertThat(r.replacement()).isEqualTo("spare-a");
    assertThat(r.method()).isEqualTo(FailoverMethod.from_backup);
  }

  @Test
  void aSpareHoldingADeltaBackupIsPreferredButRestoresFromBackup() {
    BackupConfig deltaOnB = new BackupConfig(null, null, null, 1, 0, List.of("spare-b"), BackupMethod.delta, null,
        null);
    FailoverRecord r = lost(CLUSTER, deltaOnB);
    assertThat(r.replacement()).isEqualTo("spare-b");
    assertThat(r.method()).as("only a mirror is pre-copied").isEqualTo(FailoverMethod.from_backup);
  }

  @Test
  void theConfiguredMethodIsUsed() {
    List<BladeInfo> blades = List.of(up("blade-1"), up("blade-2"), spare("spare-a"));
    FailoverRecord r = plan("triggered by an operator", true, blades, Set.of(), Map.of(), PORTS, BackupConfig.DEFAULT,
        FailoverMethod.from_backup);
    assertThat(r.method()).isEqualTo(FailoverMethod.from_backup);
    assertThat(r.state()).isEqualTo("switching");
  }

  @Test
  void whenTheCauseIsACagePowerCutASpareInAnotherCageIsChosenAndTheStepSaysWhy() {
    Map<String, Reading> health = Map.of("blade-1", reading("blade-1", "cage-1"),
        "spare-a", reading("spare-a", "cage-1"), "spare-b", reading("spare-b", "cage-2"));
    FailoverRecord r = plan("triggered by an operator: cage-power-off", false, CLUSTER, Set.of("blade-1"), health,
        PORTS, DELTA_ON_3, null);
    assertThat(r.replacement()).isEqualTo("spare-b");
    assertThat(lastStep(r)).isEqualTo(
        "decided: spare-b replaces blade-1 by from-backup (cage [cage-1] lost power) for alice, carol");
  }

  @Test
  void aCageCountsAsLostWhenEveryBladeReadInItIsSuspected() {
    Map<String, Reading> health = Map.of("blade-1", reading("blade-1", "cage-1"),
        "blade-3", reading("blade-3", "cage-1"), "blade-2", reading("blade-2", "cage-2"),
        "spare-a", reading("spare-a", "cage-2"));
    FailoverRecord all = plan("lost", false, CLUSTER, Set.of("blade-1", "blade-3"), health, PORTS, DELTA_ON_3,
        null);
    assertThat(lastStep(all)).contains("(cage [cage-1] lost power)");
    FailoverRecord one = plan("lost", false, CLUSTER, Set.of("blade-1"), health, PORTS, DELTA_ON_3, null);
    assertThat(lastStep(one)).as("blade-3 in cage-1 is not suspected").doesNotContain("lost power");
  }

  // ---- the record

  private static FailoverRecord record(String state) {
    return new FailoverRecord("x", "blade-1", "lost", FailoverMethod.from_backup, "spare-a", null, state, "blade-2",
        NOW, null, null);
  }

  @Test
  void aRecordWithNoUsersOrStepsHasEmptyListsAndTakesNoTime() {
    FailoverRecord r = record("detected");
    assertThat(r.users()).isEmpty();
    assertThat(r.steps()).isEmpty();
    assertThat(r.elapsedMillis()).isZero();
  }

  @Test
  void nextAddsOneStepInTheNewStateAndKeepsTheRest() {
    FailoverRecord r = record("switching").next("restoring", "blade-3", NOW.plusMillis(1500), "spare-a", "switched");
    assertThat(r.state()).isEqualTo("restoring");
    assertThat(r.coordinator()).isEqualTo("blade-3");
    assertThat(r.steps()).containsExactly(new FailoverRecord.Step(NOW.plusMillis(1500), "spare-a", "switched"));
    assertThat(r.ended()).isNull();
    assertThat(r.over()).isFalse();
    assertThat(r.elapsedMillis()).isEqualTo(1500);
    assertThat(r).usingRecursiveComparison().comparingOnlyFields("id", "failed", "cause", "method", "replacement",
        "started").isEqualTo(record("switching"));
  }

  @Test
  void doneAndFailedAreOverAndStampTheEnd() {
    for (String end : List.of("done", "failed")) {
      FailoverRecord r = record("copying").next(end, "blade-2", NOW.plusSeconds(4), "blade-2", end);
      assertThat(r.over()).as(end).isTrue();
      assertThat(r.ended()).as(end).isEqualTo(NOW.plusSeconds(4));
    }
  }
}
