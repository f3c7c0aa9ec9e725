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

/** The fail-over's pure decisions: coordinator, free spares, the spare to use, the method. */
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

  // ---- coordinator

  @Test
  void theCoordinatorIsTheFirstUpBladeByName() {
    assertThat(FailoverPlan.coordinator(List.of(up("blade-3"), up("blade-2"), up("blade-4")), Set.of()))
        .contains("blade-2");
  }

  @Test
  void theCoordinatorIsNeverASuspectedOrNotUpBlade() {
    List<BladeInfo> blades = List.of(blade("blade-1", BladeStatus.Unreachable), blade("blade-2", BladeStatus.Joining),
        up("blade-3"), up("blade-4"), blade("blade-0", BladeStatus.Down));
    assertThat(FailoverPlan.coordinator(blades, Set.of())).contains("blade-3");
    assertThat(FailoverPlan.coordinator(blades, Set.of("blade-3"))).as("the next one when it is lost")
        .contains("blade-4");
    assertThat(FailoverPlan.coordinator(blades, Set.of("blade-3", "blade-4"))).isEmpty();
  }

  @Test
  void everyBladeNamesTheSameCoordinatorWhateverOrderItsDirectoryIsIn() {
    List<BladeInfo> a = List.of(up("blade-1"), up("blade-2"), up("blade-10"));
    List<BladeInfo> b = List.of(up("blade-10"), up("blade-2"), up("blade-1"));
    assertThat(FailoverPlan.coordinator(a, Set.of())).isEqualTo(FailoverPlan.coordinator(b, Set.of()));
  }

  // ---- free spares

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
