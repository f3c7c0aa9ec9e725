package dci.storage.webdav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DavParsingTest {
  @Test
  void aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<D:propfind xmlns:D=\"DAV:\"><D:prop>&x;</D:prop></D:propfind>";
    assertThatThrownBy(() -> DavProps.parsePropfind(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DavXml.BadXmlException.class);
  }

  @Test
  void propfindBodiesAreReadByNamespaceNotPrefix() {
    var r = DavProps.parsePropfind(("<propfind xmlns=\"DAV:\"><prop><getetag/><z:x xmlns:z=\"urn:z\"/></prop>"
        + "</propfind>").getBytes(StandardCharsets.UTF_8));
    assertThat(r.keys()).containsExactly("{DAV:}getetag", "{urn:z}x");
    assertThat(DavProps.parsePropfind(new byte[0]).allprop()).isTrue();
  }

  @Test
  void deadPropertyValuesKeepTheirNamespaces() {
    var changes = DavProps.parsePropertyUpdate(("<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:set><D:prop>"
        + "<Z:color><Z:red/>\uD83D\uDE00</Z:color></D:prop></D:set><D:remove><D:prop><Z:old/></D:prop></D:remove>"
        + "</D:propertyupdate>").getBytes(StandardCharsets.UTF_8));
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).key()).isEqualTo("{urn:z}color");
    assertThat(changes.get(0).xml()).contains("xmlns:Z=\"urn:z\"").contains("\uD83D\uDE00");
    assertThat(changes.get(1).xml()).isNull();
  }

  @Test
  void lockBodiesGiveTheScopeAndTheOwnersXml() {
    var shared = LockRequest.parse(("<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:shared/></D:lockscope>"
        + "<D:locktype><D:write/></D:locktype><D:owner><D:href>mailto:a@b</D:href></D:owner></D:lockinfo>")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(shared.exclusive()).isFalse();
    assertThat(shared.ownerXml()).contains("mailto:a@b");
    var plain = LockRequest.parse("<lockinfo xmlns=\"DAV:\"/>".getBytes(StandardCharsets.UTF_8));
    assertThat(plain).isEqualTo(new LockRequest(true, null));
    assertThatThrownBy(() -> LockRequest.parse("<D:propfind xmlns:D=\"DAV:\"/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DavXml.BadXmlException.class).hasMessageContaining("lockinfo");
  }

  @Test
  void ifHeadersParseTaggedAndUntaggedListsAndNameTheirTokens() {
    IfHeader h = IfHeader.parse("<http://h/vnas/a> (<opaquelocktoken:1> [\"e1\"]) (Not <DAV:no-lock>)");
    assertThat(h.lists()).hasSize(2);
    assertThat(h.lists().get(0).resource()).isEqualTo("http://h/vnas/a");
    assertThat(h.lists().get(1).conditions().get(0).not()).isTrue();
    assertThat(h.tokens()).containsExactly("opaquelocktoken:1", "DAV:no-lock");
    assertThatThrownBy(() -> IfHeader.parse("(<unclosed")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rangesCoverFirstLastAndSuffixFormsAndRefuseWhatLiesBeyond() {
    assertThat(Ranges.parse("bytes=0-9", 100)).hasValueSatisfying(r -> assertThat(r).containsExactly(0, 9));
    assertThat(Ranges.parse("bytes=90-", 100)).hasValueSatisfying(r -> assertThat(r).containsExactly(90, 99));
    assertThat(Ranges.parse("bytes=-5", 100)).hasValueSatisfying(r -> assertThat(r).containsExactly(95, 99));
    assertThat(Ranges.parse("bytes=0-1,5-6", 100)).isEmpty();
    assertThatThrownBy(() -> Ranges.parse("bytes=100-", 100)).isInstanceOf(Ranges.UnsatisfiableException.class);
    assertThat(DavLocking.timeout(Optional.of("Second-30"))).isEqualTo(30);
    assertThat(DavLocking.timeout(Optional.of("Infinite"))).isEqualTo(DavLocking.MAX_TIMEOUT);
  }

  @Test
  void hrefsArePercentEncodedPerSegment() {
    assertThat(DavHref.of(dci.storage.vnas.VnasPath.parse("/a b/é#"), false)).isEqualTo("/vnas/a%20b/%C3%A9%23");
    assertThat(DavHref.of(dci.storage.vnas.VnasPath.ROOT, true)).isEqualTo("/vnas/");
    assertThat(DavHref.parseUri("http://h:1/vnas/a%20b/").toString()).isEqualTo("/a b");
    assertThatThrownBy(() -> DavHref.parseUri("/vnas/a/..%2fb")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DavHref.parseUri("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DavHref.parseUri("/vnas/.dci-stripes/abc/")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }
}
