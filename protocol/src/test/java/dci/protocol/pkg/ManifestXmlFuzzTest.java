package dci.protocol.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the package manifest parser, which reads {@code manifest.xml} from a package before its
 * signature is trusted ({@link ManifestXml#decode}). The only acceptable refusal is a
 * {@link PackageException}; an accepted manifest encodes and decodes to an equal one (a package
 * builder relies on that). Plain {@code mvn verify} replays the inputs in
 * {@code ManifestXmlFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (bench/fuzz.sh).
 */
class ManifestXmlFuzzTest {
  private static final ManifestXml XML = new ManifestXml();

  @FuzzTest(maxDuration = "5s")
  void decodeRefusesCleanlyOrRoundTrips(byte[] input) {
    Manifest m;
    try {
      m = XML.decode(input);
    } catch (PackageException refused) {
      return;
    }
    assertThat(XML.decode(XML.encode(m))).isEqualTo(m);
  }
}
