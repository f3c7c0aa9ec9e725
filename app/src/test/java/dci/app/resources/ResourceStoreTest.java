package dci.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.resources.ResourceSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store with synthetic times: 7 days kept whole at 1 minute, then 10-minute means up to 30
 * days, then nothing; a sample is kept once; the file reads back what was written, skipping a
 * torn line.
 */
class ResourceStoreTest {
  static final Instant NOW = Instant.parse("2026-03-31T00:00:00Z");
  static final ResourceStore.Retention RETENTION = new ResourceStore.Retention(Duration.ofDays(7),
      Duration.ofMinutes(10), Duration.ofDays(30));

  static ResourceSample sample(String blade, Instant at, double cpu, String... users) {
    return new ResourceSample(blade, at, Map.of("cpu", cpu), List.of(users), Map.of(), Map.of(), 1);
  }

  @Test
  void thirtyFiveDaysOfMinutesKeepSevenDaysWholeThenTenMinuteMeansToThirtyDays() {
    ResourceStore store = new ResourceStore(RETENTION);
    Instant start = NOW.minus(Duration.ofDays(35));
    for (Instant t = start; t.isBefore(NOW); t = t.plus(Duration.ofMinutes(1))) {
      store.add(sample("blade-1", t, t.getEpochSecond() / 60 % 10)); // 0..9 every ten minutes: mean 4.5
    }
    assertThat(store.compact(NOW)).isTrue();
    List<ResourceSample> kept = store.of("blade-1", Instant.EPOCH);
    assertThat(kept.get(0).at()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(30)).minus(Duration.ofMinutes(10)));
    List<ResourceSample> whole = kept.stream().filter(s -> s.span() == 1).toList();
    List<ResourceSample> coarse = kept.stream().filter(s -> s.span() > 1).toList();
    assertThat(whole).hasSize(7 * 24 * 60);
    assertThat(whole.get(0).at()).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(coarse).hasSizeBetween(23 * 24 * 6, 23 * 24 * 6 + 1);
    assertThat(coarse).allSatisfy(s -> {
      assertThat(s.span()).isEqualTo(10);
      assertThat(s.values().get("cpu")).isEqualTo(4.5);
      assertThat(s.at().getEpochSecond() % 600).isZero();
    });
    assertThat(kept).isSortedAccordingTo(java.util.Comparator.comparing(ResourceSample::at));
    assertThat(store.size()).isLessThan(7 * 24 * 60 + 23 * 24 * 6 + 2);
    assertThat(store.compact(NOW)).as("nothing left to thin").isFalse();
  }

  @Test
  void aSampleHeardTwiceIsKeptOnceAndSinceNarrowsTheAnswer() {
    ResourceStore store = new ResourceStore(RETENTION);
    assertThat(store.add(sample("blade-2", NOW, 50))).isTrue();
    assertThat(store.add(sample("blade-2", NOW, 50))).isFalse();
    store.add(sample("blade-2", NOW.plusSeconds(60), 60));
    store.add(sample("blade-3", NOW.plusSeconds(60), 70));
    assertThat(store.of("blade-2", NOW.plusSeconds(1))).extracting(s -> s.values().get("cpu")).containsExactly(60.0);
    assertThat(store.all(NOW)).hasSize(3);
    assertThat(store.blades()).containsExactly("blade-2", "blade-3");
    assertThat(store.newest()).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void theFileGivesBackWhatWasAppendedAndRewrittenSkippingATornLine(@TempDir Path data) throws Exception {
    ResourceFile file = new ResourceFile(data);
    assertThat(file.load()).isEmpty();
    List<ResourceSample> some = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      some.add(sample("blade-1", NOW.plusSeconds(60L * i), i, "u1"));
    }
    file.append(some.subList(0, 3));
    file.append(some.subList(3, 5));
    java.nio.file.Files.writeString(data.resolve("resources/samples.jsonl"), "{\"blade\":\"bla",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(file.load()).containsExactlyElementsOf(some);
    file.rewrite(some.subList(0, 2));
    assertThat(file.load()).containsExactlyElementsOf(some.subList(0, 2));
  }
}
