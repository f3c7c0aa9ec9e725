package dci.protocol.envelope;

/** An envelope refused where it entered, with a message naming the problem. */
public final class EnvelopeException extends RuntimeException {
  public EnvelopeException(String message) {
    super(message, null, false, false);
  }

  public EnvelopeException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
