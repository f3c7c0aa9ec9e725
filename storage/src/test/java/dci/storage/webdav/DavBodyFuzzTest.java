package dci.storage.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the WebDAV request bodies a client sends: PROPFIND ({@link DavProps#parsePropfind}),
 * PROPPATCH ({@link DavProps#parsePropertyUpdate}) and LOCK ({@link LockRequest#parse}). The only
 * acceptable refusal is a {@link DavXml.BadXmlException} (answered 400). What a PROPPATCH sets or a
 * LOCK names as owner is stored and later written into responses, so it must be XML that reads
 * back with the same property key. Plain {@code mvn verify} replays the inputs in
 * {@code DavBodyFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (bench/fuzz.sh).
 */
class DavBodyFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void propfindRefusesCleanlyOrNamesKeys(byte[] body) {
    DavProps.Request r;
    try {
      r = DavProps.parsePropfind(body);
    } catch (DavXml.BadXmlException refused) {
      return;
    }
    assertThat(r.keys()).allSatisfy(k -> assertThat(k).startsWith("{").contains("}"));
  }

  @FuzzTest(maxDuration = "5s")
  void proppatchRefusesCleanlyOrKeepsWellFormedValues(byte[] body) {
    java.util.List<DavProps.Change> changes;
    try {
      changes = DavProps.parsePropertyUpdate(body);
    } catch (DavXml.BadXmlException refused) {
      return;
    }
    for (DavProps.Change c : changes) {
      assertThat(c.key()).startsWith("{").contains("}");
      if (c.xml() != null) {
        var again = DavXml.parse(c.xml().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(DavXml.key(again)).isEqualTo(c.key());
      }
    }
  }

  @FuzzTest(maxDuration = "5s")
  void lockRefusesCleanlyOrKeepsAWellFormedOwner(byte[] body) {
    LockRequest r;
    try {
      r = LockRequest.parse(body);
    } catch (DavXml.BadXmlException refused) {
      return;
    }
    if (r.ownerXml() != null) {
      var again = DavXml.parse(r.ownerXml().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
      assertThat(DavXml.key(again)).isEqualTo("{DAV:}owner");
    }
  }
}
