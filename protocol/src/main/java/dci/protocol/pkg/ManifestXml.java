package dci.protocol.pkg;

import dci.protocol.envelope.EnvelopeException;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.envelope.HardenedXml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Manifests as XML ({@code <manifest format="1">}, schema in docs/package.md), read with the
 * same hardening as envelopes ({@link HardenedXml}): any DOCTYPE refused, so no external
 * entities or entity bombs; depth, attributes, text and total size capped. Unknown elements
 * and attributes are refused; every error names the element and its line.
 */
public final class ManifestXml {
  /** Manifests up to 1 MiB, 16 levels deep. */
  public static final EnvelopeLimits DEFAULT_LIMITS = new EnvelopeLimits(1 << 20, 16);

  private final EnvelopeLimits limits;
  private final XMLInputFactory inputs;

  public ManifestXml() {
    this(DEFAULT_LIMITS);
  }

  public ManifestXml(EnvelopeLimits limits) {
    this.limits = limits;
    this.inputs = HardenedXml.inputs(limits);
  }

  /** The most bytes a manifest may have. */
  public int maxBytes() {
    return limits.maxBytes();
  }

  /** Parses and checks a manifest; refuses anything malformed with a {@link PackageException}. */
  public Manifest decode(byte[] bytes) {
    if (bytes.length > limits.maxBytes()) {
      throw new PackageException("manifest of " + bytes.length + " bytes is over the " + limits.maxBytes()
          + "-byte limit");
    }
    XMLStreamReader reader = null;
    try {
      reader = inputs.createXMLStreamReader(new ByteArrayInputStream(bytes));
      HardenedXml.toRoot(reader, "manifest");
      return new ManifestParser(reader).manifest();
    } catch (EnvelopeException e) {
      throw new PackageException("manifest refused: " + e.getMessage(), e);
    } catch (XMLStreamException e) {
      throw new PackageException("malformed manifest XML: " + firstLine(e.getMessage()), e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
  }

  /** The manifest as UTF-8 XML, indented; {@link #decode} reads it back equal. */
  public byte[] encode(Manifest manifest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new ManifestPrinter(out).manifest(manifest);
    } catch (XMLStreamException e) {
      throw new PackageException("cannot write manifest XML: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
