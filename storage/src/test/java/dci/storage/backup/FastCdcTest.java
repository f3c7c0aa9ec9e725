package dci.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastCdcTest {
  private static List<String> chunks(byte[] data) throws IOException {
    List<String> out = new ArrayList<>();
    long n = FastCdc.split(new ByteArrayInputStream(data), (b, o, l) -> {
      assertThat(l).isLessThanOrEqualTo(FastCdc.MAX);
      out.add(ChunkRecord.of(b, o, l).hash());
    });
    assertThat(n).isEqualTo(data.length);
    return out;
  }

  @Test
  void chunksStayWithinBoundsAndAverageAboutOneMebibyte() throws IOException {
    byte[] data = new byte[24 * 1024 * 1024];
    new Random(7).nextBytes(data);
    List<Integer> sizes = new ArrayList<>();
    FastCdc.split(new ByteArrayInputStream(data), (b, o, l) -> sizes.add(l));
    assertThat(sizes.subList(0, sizes.size() - 1)).allSatisfy(s -> assertThat(s).isBetween(FastCdc.MIN, FastCdc.MAX));
    double avg = data.length / (double) sizes.size();
    assertThat(avg).isBetween(0.5 * FastCdc.AVG, 2.0 * FastCdc.AVG);
  }

  @Test
  void anInsertionNearTheStartChangesOnlyTheChunksAroundIt() throws IOException {
    byte[] data = new byte[16 * 1024 * 1024];
    new Random(8).nextBytes(data);
    byte[] shifted = new byte[data.length + 100];
    System.arraycopy(data, 0, shifted, 0, 1000);
    System.arraycopy(data, 1000, shifted, 1100, data.length - 1000);
    List<String> a = chunks(data);
    Set<String> b = new HashSet<>(chunks(shifted));
    long shared = a.stream().filter(b::contains).count();
    assertThat(shared).as("content-defined cuts realign after the insertion").isGreaterThanOrEqualTo(a.size() - 2);
  }

  @Test
  void emptyAndTinyInputs() throws IOException {
    assertThat(chunks(new byte[0])).isEmpty();
    assertThat(chunks(new byte[] {1, 2, 3})).hasSize(1);
  }

  @Test
  void aRecordRoundTripsAndATamperedOneIsCaught() {
    byte[] text = "backup ".repeat(10_000).getBytes();
    ChunkRecord r = ChunkRecord.of(text, 0, text.length);
    assertThat(r.compressed()).isTrue();
    assertThat(r.plain()).isEqualTo(text);
    byte[] stored = r.stored().clone();
    stored[stored.length / 2] ^= 0x40;
    ChunkRecord bad = new ChunkRecord(r.hash(), true, r.plainLength(), stored);
    org.assertj.core.api.Assertions.assertThatThrownBy(bad::plain).isInstanceOf(CorruptChunkException.class);
  }
}
