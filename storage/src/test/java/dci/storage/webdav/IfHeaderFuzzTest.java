package dci.storage.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the WebDAV {@code If} header parser ({@link IfHeader#parse}) with the input's bytes as
 * UTF-8 text. The only acceptable refusal is an {@link IllegalArgumentException} (answered 400);
 * a parsed header has at least one list, each with at least one condition, and every token and
 * entity tag lies between its own delimiters. Plain {@code mvn verify} replays the inputs in
 * {@code IfHeaderFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (bench/fuzz.sh).
 */
class IfHeaderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void parseRefusesCleanlyOrGivesNonEmptyLists(byte[] input) {
    IfHeader h;
    try {
      h = IfHeader.parse(new String(input, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertThat(h.lists()).isNotEmpty().allSatisfy(l -> assertThat(l.conditions()).isNotEmpty()
        .allSatisfy(c -> assertThat(c.token() == null).isNotEqualTo(c.etag() == null)));
    assertThat(h.tokens()).allSatisfy(t -> assertThat(t).doesNotContain(">"));
  }
}
