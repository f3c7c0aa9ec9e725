package dci.protocol.envelope;

/**
 * Turns envelopes into bytes and back. Decoding is where untrusted input enters: every
 * implementation refuses, with an {@link EnvelopeException} naming the problem, input that is
 * oversized, too deep, malformed, or carries fields it does not know.
 */
public interface EnvelopeCodec {
  /** The media type of the encoding, e.g. {@code application/xml}. */
  String mediaType();

  byte[] encode(Envelope envelope);

  Envelope decode(byte[] bytes);

  /** The codec for a media type: XML for {@code *xml*}, JSON otherwise. */
  static EnvelopeCodec forMediaType(String mediaType, EnvelopeLimits limits) {
    return mediaType != null && mediaType.toLowerCase(java.util.Locale.ROOT).contains("xml")
        ? new XmlEnvelopeCodec(limits)
        : new JsonEnvelopeCodec(limits);
  }
}
