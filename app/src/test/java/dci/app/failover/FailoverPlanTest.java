package dci.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dci.hardware.body.Reading;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.storage.backup.BackupConfig;
import dci.storage.backup.BackupMethod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fail-over's pure decisions: free spares, the spare to use, the method, due and lost blades. */
class FailoverPlanTest {
  static BladeInfo blade(String name, BladeStatus status, String... roles) {
    return new BladeInfo(name, "127.0.0.1:" + (25500 + name.length()), status, "default", List.of(roles), -1, -1,
        null, "http://" + name, List.of());
  }

  static BladeInfo up(String name, String... roles) {
    return blade(name, BladeStatus.Up, roles);
  }

  static BladeInfo spare(String name) {
    return up(name, "spare");
  }

  static Reading reading(String blade, String cage) {
    return new Reading(blade, cage, Instant.EPOCH, 0, 0, 0, 0, 0, 0, 0, null, 1, 0, null, Reading.Condition.ok, null);
  }

  static final BackupConfig MIRROR = new BackupConfig(null, null, null, 2, 0, null, BackupMethod.mirror, null, null);

  // ---- due for a fail-over, lost

  static final Instant T = Instant.parse("2026-12-01T20:00:00Z");
  static final FailoverSettings SETTINGS = new FailoverSettings(java.time.Duration.ofMillis(500),
      java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5),
      java.time.Duration.ofSeconds(1), null, Map.of(), true, Set.of(), java.time.Duration.ofSeconds(10));

  static BladeInfo upSince(String name, Instant since) {
    return new BladeInfo(name, "127.0.0.1:25501", BladeStatus.Up, "default", List.of(), -1, -1, since, null, List.of());
  }

  static FailoverRecord record(String failed, Instant started, String state, Instant ended, String... users) {
    return new FailoverRecord(failed + "@" + started.toEpochMilli(), failed, "test", null, null, List.of(users), state,
        "blade-1", started, ended, List.of());
  }

  @Test
  void aBladeIsDueUnlessAFailOverBeganSinceItCameUpAndIsUnderWayDoneOrFailedTooRecently() {
    BladeInfo b = upSince("blade-2", T);
    Instant now = T.plusSeconds(60);
    assertThat(FailoverPlan.hasRecordSince(List.of(record("blade-2", T.minusSeconds(5), "done", T, "u1")), b, false,
        now, SETTINGS)).as("a fail-over of an earlier life").isFalse();
    assertThat(FailoverPlan.hasRecordSince(List.of(record("blade-2", T.plusSeconds(1), "copying", null, "u1")), b,
        false, now, SETTINGS)).as("one under way").isTrue();
    assertThat(FailoverPlan.hasRecordSince(List.of(record("blade-3", T.plusSeconds(1), "copying", null, "u1")), b,
        false, now, SETTINGS)).as("another blade's").isFalse();
    assertThat(FailoverPlan.hasRecordSince(List.of(record("blade-2", T.plusSeconds(1), "failed", now.minusSeconds(9))),
        b, false, now, SETTINGS)).as("failed 9 s ago: retried after 10 s").isTrue();
    assertThat(FailoverPlan.hasRecordSince(List.of(record("blade-2", T.plusSeconds(1), "failed", now.minusSeconds(11))),
        b, false, now, SETTINGS)).isFalse();
    assertThat(FailoverPlan.hasRecordSince(List.of(record("blade-2", T.plusSeconds(1), "failed", now.minusSeconds(30)),
        record("blade-2", T.plusSeconds(2), "failed", now.minusSeconds(15))), b, false, now, SETTINGS))
        .as("two failed attempts: the next waits 20 s").isTrue();
    FailoverRecord nothingToMove = record("blade-2", T.plusSeconds(1), "done", now.minusSeconds(11));
    assertThat(FailoverPlan.hasRecordSince(List.of(nothingToMove), b, false, now, SETTINGS)).isTrue();
    assertThat(FailoverPlan.hasRecordSince(List.of(nothingToMove), b, true, now, SETTINGS))
        .as("a blade still up that had no user then is looked at again").isFalse();
  }

  @Test
  void aBladeIsLostWhenSuspectedOrNoLongerAMemberButNeverTheOneLooking() {
    List<BladeInfo> blades = List.of(up("blade-1"), blade("blade-2", BladeStatus.Unreachable),
        blade("blade-3", BladeStatus.Down), up("blade-4"));
    assertThat(FailoverPlan.lost("blade-2", "blade-1", Set.of(), blades)).as("unreachable, not confirmed").isFalse();
    assertThat(FailoverPlan.lost("blade-2", "blade-1", Set.of("blade-2"), blades)).isTrue();
    assertThat(FailoverPlan.lost("blade-3", "blade-1", Set.of(), blades)).isTrue();
    assertThat(FailoverPlan.lost("blade-9", "blade-1", Set.of(), blades)).as("not in the directory").isTrue();
    assertThat(FailoverPlan.lost("blade-4", "blade-1", Set.of(), blades)).isFalse();
    assertThat(FailoverPlan.lost("blade-1", "blade-1", Set.of("blade-1"), blades)).isFalse();
  }

  @Test
  void freeSparesAreUpUnsuspectedBladesWithTheSpareRoleSortedByName() {
    List<BladeInfo> blades = List.of(spare("spare-b"), up("blade-1"), spare("spare-a"), up("blade-2", "web"),
        blade("spare-c", BladeStatus.Unreachable, "spare"), blade("spare-d", BladeStatus.Down, "spare"),
        spare("spare-e"));
    assertThat(FailoverPlan.freeSpares(blades, Map.of(), Set.of("spare-e"))).extracting(BladeInfo::name)
        .containsExactly("spare-a", "spare-b");
  }

  @Test
  void anOperatorsMarkOverridesTheRole() {
    List<BladeInfo> blades = List.of(up("blade-1"), spare("spare-a"), spare("spare-b"), up("blade-2"));
    Map<String, String> marks = Map.of("blade-1", "added", "spare-a", "in-service", "spare-b", "removed");
    assertThat(FailoverPlan.freeSpares(blades, marks, Set.of())).extracting(BladeInfo::name)
        .as("added: a spare without the role; in service or removed: no longer free").containsExactly("blade-1");
  }

  @Test
  void anAddedBladeThatIsNotUpIsNoFreeSpare() {
    List<BladeInfo> blades = List.of(blade("blade-1", BladeStatus.Leaving));
    assertThat(FailoverPlan.freeSpares(blades, Map.of("blade-1", "added"), Set.of())).isEmpty();
  }

  // ---- choosing the spare

  @Test
  void withNoOtherPreferenceTheFirstSpareByNameIsChosen() {
    assertThat(FailoverPlan.chooseSpare("blade-1", List.of(spare("spare-b"), spare("spare-a")), List.of(), Map.of(),
        List.of())).contains("spare-a");
  }

  @Test
  void theFailedBladeNeverReplacesItself() {
    assertThat(FailoverPlan.chooseSpare("spare-a", List.of(spare("spare-a"), spare("spare-b")), List.of("spare-a"),
        Map.of(), List.of())).contains("spare-b");
    assertThat(FailoverPlan.chooseSpare("spare-a", List.of(spare("spare-a")), List.of(), Map.of(), List.of()))
        .isEmpty();
  }

  @Test
  void noSpareNoChoice() {
    assertThat(FailoverPlan.chooseSpare("blade-1", List.of(), List.of("spare-a"), Map.of(), List.of())).isEmpty();
  }

  @Test
  void aSpareHoldingTheFailedBladesMirrorComesFirst() {
    List<BladeInfo> spares = List.of(spare("spare-a"), spare("spare-b"), spare("spare-c"));
    assertThat(FailoverPlan.chooseSpare("blade-1", spares, List.of("blade-2", "spare-c"), Map.of(), List.of()))
        .contains("spare-c");
  }

  @Test
  void whenTheFailedBladesCageLostPowerASpareInAnotherCageIsChosen() {
    List<BladeInfo> spares = List.of(spare("spare-a"), spare("spare-b"));
    Map<String, Reading> health = Map.of("blade-1", reading("blade-1", "cage-1"),
        "spare-a", reading("spare-a", "cage-1"), "spare-b", reading("spare-b", "cage-2"));
    assertThat(FailoverPlan.chooseSpare("blade-1", spares, List.of(), health, List.of("cage-1"))).contains("spare-b");
    assertThat(FailoverPlan.chooseSpare("blade-1", spares, List.of(), health, List.of()))
        .as("no cage lost: by name").contains("spare-a");
  }

  @Test
  void aMirrorHolderInACageThatLostPowerComesAfterASpareInAnotherCage() {
    List<BladeInfo> spares = List.of(spare("spare-a"), spare("spare-b"), spare("spare-c"));
    Map<String, Reading> health = Map.of("spare-a", reading("spare-a", "cage-1"),
        "spare-b", reading("spare-b", "cage-2"), "spare-c", reading("spare-c", "cage-2"));
    assertThat(FailoverPlan.chooseSpare("blade-1", spares, List.of("spare-a"), health, List.of("cage-1")))
        .as("spare-a has the data but no power").contains("spare-b");
    assertThat(FailoverPlan.chooseSpare("blade-1", spares, List.of("spare-a", "spare-c"), health, List.of("cage-1")))
        .as("among the powered ones the mirror holder still comes first").contains("spare-c");
    assertThat(FailoverPlan.chooseSpare("blade-1", List.of(spare("spare-a")), List.of("spare-a"), health,
        List.of("cage-1"))).as("better a spare in the dark cage than none").contains("spare-a");
  }

  @Test
  void aSpareWithNoReadingIsNotTakenToBeInALostCage() {
    List<BladeInfo> spares = List.of(spare("spare-a"), spare("spare-b"));
    Map<String, Reading> health = Map.of("spare-b", reading("spare-b", "cage-1"));
    assertThat(FailoverPlan.chooseSpare("blade-1", spares, List.of(), health, List.of("cage-1"))).contains("spare-a");
    assertThat(FailoverPlan.cageOf("spare-a", health)).isEmpty();
    assertThat(FailoverPlan.cageOf("spare-b", health)).contains("cage-1");
  }

  // ---- the method

  @Test
  void aBladeStillReadableIsCopiedAfterDetection() {
    assertThat(FailoverPlan.method(true, MIRROR, true, null)).isEqualTo(FailoverMethod.copy_after_detection);
    assertThat(FailoverPlan.method(true, BackupConfig.DEFAULT, false, null))
        .isEqualTo(FailoverMethod.copy_after_detection);
  }

  @Test
  void aDeadBladeMirroredOntoItsReplacementIsPreCopied() {
    assertThat(FailoverPlan.method(false, MIRROR, true, null)).isEqualTo(FailoverMethod.pre_copied);
  }

  @Test
  void aDeadBladeIsRestoredFromBackupUnlessItsReplacementHoldsItsMirror() {
    assertThat(FailoverPlan.method(false, MIRROR, false, null)).as("mirrored elsewhere")
        .isEqualTo(FailoverMethod.from_backup);
    assertThat(FailoverPlan.method(false, BackupConfig.DEFAULT, true, null)).as("a delta backup on the replacement")
        .isEqualTo(FailoverMethod.from_backup);
  }

  @Test
  void aConfiguredMethodWinsOverTheChoice() {
    for (FailoverMethod m : FailoverMethod.values()) {
      assertThat(FailoverPlan.method(true, MIRROR, true, m)).isEqualTo(m);
      assertThat(FailoverPlan.method(false, BackupConfig.DEFAULT, false, m)).isEqualTo(m);
    }
  }
}
