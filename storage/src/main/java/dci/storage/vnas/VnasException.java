package dci.storage.vnas;

/** A volume operation refused, with the HTTP/WebDAV status that says why. */
public final class VnasException extends RuntimeException {
  private final int status;

  public VnasException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static VnasException notFound(VnasPath p) {
    return new VnasException(404, "no such file or collection: " + p);
  }

  public static VnasException conflict(String message) {
    return new VnasException(409, message);
  }

  /** Unwraps completion wrappers to the VnasException inside, if any. */
  public static java.util.Optional<VnasException> of(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof VnasException v) {
        return java.util.Optional.of(v);
      }
      if (c instanceof Stripes.NoRoomException n) {
        return java.util.Optional.of(new VnasException(n.full() ? 507 : 503, n.getMessage()));
      }
      if (c instanceof Stripes.StripeUnavailableException s) {
        return java.util.Optional.of(new VnasException(503, s.getMessage()));
      }
      c = c.getCause();
    }
    return java.util.Optional.empty();
  }
}
