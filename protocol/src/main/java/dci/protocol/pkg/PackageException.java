package dci.protocol.pkg;

/**
 * A package, manifest or key refused where it entered (or a package that could not be built),
 * with a message naming the problem. Nothing has been extracted or run when a reader throws it.
 */
public final class PackageException extends RuntimeException {
  public PackageException(String message) {
    super(message, null, false, false);
  }

  public PackageException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
