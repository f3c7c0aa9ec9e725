package dci.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aging, schedules and peer choice: the pure rules. */
class PolicyTest {
  private static Archive at(String id, String time) {
    return new Archive(id, "blade-1", Instant.parse(time), null, BackupMethod.delta, 0, 0, 0, 0, List.of(), List.of(), 0);
  }

  @Test
  void agingKeepsLastDailyWithinAndAlwaysTheNewest() {
    List<Archive> a = new ArrayList<>();
    a.add(at("a", "2026-11-01T10:00:00Z"));
    a.add(at("b", "2026-11-01T18:00:00Z"));
    a.add(at("c", "2026-11-02T10:00:00Z"));
    a.add(at("d", "2026-11-20T10:00:00Z"));
    a.add(at("e", "2026-11-25T10:00:00Z"));
    assertThat(Retention.keep(a, Aging.KEEP_ALL, ZoneOffset.UTC)).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(Retention.keep(a, new Aging(null, 2, null, null), ZoneOffset.UTC)).containsExactlyInAnyOrder("d", "e");
    assertThat(Retention.keep(a, new Aging(null, null, 3, null), ZoneOffset.UTC))
        .as("the newest of each of the last 3 days with archives").containsExactlyInAnyOrder("e", "d", "c");
    assertThat(Retention.keep(a, new Aging("7d", null, null, null), ZoneOffset.UTC)).containsExactlyInAnyOrder("d", "e");
    assertThat(Retention.keep(a, new Aging(null, 0, null, null), ZoneOffset.UTC)).containsExactly("e");
    assertThat(Retention.keep(a, new Aging(null, null, null, 2), ZoneOffset.UTC)).containsExactlyInAnyOrder("e", "d");
  }

  @Test
  void schedulesFireAtTheirNextTime() {
    Instant t = Instant.parse("2026-11-25T05:00:00Z"); // a Wednesday
    assertThat(Schedule.parse("6am weekly").next(t, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
    assertThat(Schedule.parse("6am weekly wed").next(t, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
    assertThat(Schedule.parse("daily 02:30").next(t, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-26T02:30:00Z"));
    assertThat(Schedule.parse("6am,6pm daily").next(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-11-25T18:00:00Z"));
    assertThat(Schedule.parse("hourly :15").next(t, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-25T05:15:00Z"));
    assertThat(Schedule.parse("every 15m").next(t, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-25T05:15:00Z"));
    assertThatThrownBy(() -> Schedule.parse("sometimes")).hasMessageContaining("is not a time, day or frequency");
    assertThatThrownBy(() -> Schedule.parse("6am")).hasMessageContaining("hourly, daily, weekly");
    assertThatThrownBy(() -> Schedule.parse("25:00 daily")).hasMessageContaining("hours");
    assertThatThrownBy(() -> Schedule.parse("every 10s")).hasMessageContaining("once a minute");
  }

  private static BladeInfo blade(String name, String dc, BladeStatus status) {
    return new BladeInfo(name, "127.0.0.1:1", status, dc, List.of(), -1, -1, null, "http://x", List.of());
  }

  @Test
  void peersAreInTheSourcesDataCenterFirstWithRemoteOnesWhenAskedAndNeverDownOnes() {
    List<BladeInfo> all = List.of(blade("blade-1", "east", BladeStatus.Up), blade("blade-2", "east", BladeStatus.Up),
        blade("blade-3", "east", BladeStatus.Unreachable), blade("blade-4", "west", BladeStatus.Up),
        blade("blade-5", "east", BladeStatus.Down));
    BackupConfig two = BackupConfig.DEFAULT;
    List<String> p = PeerChoice.peers("blade-1", "east", all, two);
    assertThat(p).hasSize(2).doesNotContain("blade-1", "blade-5", "blade-4");
    assertThat(PeerChoice.peers("blade-1", "east", all, two)).as("deterministic").isEqualTo(p);
    BackupConfig remote = new BackupConfig(null, null, null, 2, 1, null, null, null, null);
    assertThat(PeerChoice.peers("blade-1", "east", all, remote)).contains("blade-4").hasSize(2);
    BackupConfig named = new BackupConfig(null, null, null, 2, 0, List.of("blade-5"), null, null, null);
    assertThat(PeerChoice.peers("blade-1", "east", all, named)).containsExactly("blade-5");
  }

  @Test
  void settingsAreCheckedWhereTheyEnter() {
    assertThatThrownBy(() -> new BackupConfig("rel", null, null, 2, 0, null, null, null, null))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> new BackupConfig(null, List.of("../x"), null, 2, 0, null, null, null, null))
        .hasMessageContaining("excluded directory");
    assertThatThrownBy(() -> new BackupConfig(null, null, null, 0, 0, null, null, null, null)).hasMessageContaining("replicas");
    assertThatThrownBy(() -> new BackupConfig(null, null, null, 2, 3, null, null, null, null)).hasMessageContaining("remote");
    assertThatThrownBy(() -> new Aging("30 days", null, null, null)).hasMessageContaining("invalid duration");
    assertThat(new BackupConfig(null, null, List.of("MP3", ".Exe"), 2, 0, null, null, null, null).excludeExts())
        .containsExactly(".mp3", ".exe");
  }
}
