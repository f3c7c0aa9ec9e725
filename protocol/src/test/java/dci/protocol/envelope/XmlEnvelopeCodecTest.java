package dci.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlEnvelopeCodecTest extends EnvelopeCodecConformance {
  @Override
  EnvelopeCodec codec() {
    return new XmlEnvelopeCodec(LIMITS);
  }

  @Override
  String deeplyNested(int depth) {
    return "<envelope><appType>echo</appType><payload>" + "<a>".repeat(depth) + "1" + "</a>".repeat(depth)
        + "</payload></envelope>";
  }

  private Envelope decode(String xml) {
    return codec().decode(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void externalEntityIsRefusedAndNothingLeaks() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<envelope><appType>echo</appType><payload>&x;</payload></envelope>";
    assertThatThrownBy(() -> decode(xxe)).isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("DOCTYPE").hasMessageNotContaining("root:");
  }

  @Test
  void entityExpansionBombIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append("]>");
    String bomb = dtd + "<envelope><appType>echo</appType><payload>&lol9;</payload></envelope>";
    assertThatThrownBy(() -> decode(bomb)).isInstanceOf(EnvelopeException.class).hasMessageContaining("DOCTYPE");
  }

  @Test
  void undeclaredEntityWithoutDoctypeIsRefused() {
    assertThatThrownBy(() -> decode("<envelope><appType>echo</appType><payload>&x;</payload></envelope>"))
        .isInstanceOf(EnvelopeException.class);
  }

  @Test
  void theSeedsMinimalFormIsAccepted() {
    Envelope e = decode("<envelope><appType>echo</appType><to><mode>BLADE</mode><blade>blade-2</blade></to>"
        + "<ttl>50</ttl><payload>accept-hello</payload></envelope>");
    assertThat(e.appType()).isEqualTo("echo");
    assertThat(e.to()).isEqualTo(Recipients.blade("blade-2"));
    assertThat(e.payload().asText()).isEqualTo("accept-hello");
    assertThat(e.ttl()).isEqualTo(50);
  }

  @Test
  void anotherRootElementIsRefused() {
    assertThatThrownBy(() -> decode("<message><appType>echo</appType></message>"))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("<envelope>");
  }

  /**
   * Fuzz finding (XmlEnvelopeCodecFuzzTestInputs/.../crash-text-beside-*.xml): an element's text beside
   * its attributes or elements was written back as an element without a name, which is malformed XML.
   */
  @Test
  void textBesideAttributesOrElementsIsWrittenBackAsText() throws Exception {
    Envelope e = decode("<envelope><appType>echo</appType><payload><meta lang=\"en\">hello</meta>"
        + "<z><b>1</b>tail &amp; more</z>%<q>w</q></payload></envelope>");
    assertThat(e.payload().get("meta").get("").asText()).isEqualTo("hello");
    assertThat(new String(codec().encode(e), StandardCharsets.UTF_8))
        .contains("<meta><lang>en</lang>hello</meta>").contains("<b>1</b>tail &amp; more</z>");
    assertThat(codec().decode(codec().encode(e))).isEqualTo(e);
    XmlEnvelopeCodec xml = (XmlEnvelopeCodec) codec();
    byte[] indented = xml.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(e);
    assertThat(xml.decodeAll(indented, LIMITS.maxBytes())).containsExactly(e);
  }

  @Test
  void textSplitByElementsIsRefusedForItsOrderCannotBeKept() {
    assertThatThrownBy(() -> decode("<envelope><appType>echo</appType><payload><a>x<b/>y</a></payload></envelope>"))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("mixes text and elements");
  }

  @Test
  void aPayloadNameThatIsNoXmlNameIsRefusedWhenWrittenNotWrittenMalformed() {
    Envelope fromJson = new JsonEnvelopeCodec(LIMITS).decode(
        "{\"appType\":\"echo\",\"payload\":{\"a b\":1}}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> codec().encode(fromJson))
        .isInstanceOf(EnvelopeException.class).hasMessageContaining("cannot encode envelope as XML");
  }
}
