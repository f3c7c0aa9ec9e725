package dci.app.cli;

/** A failure the CLI reports as one line on stderr with a documented exit status. */
public final class CliError extends RuntimeException {
  /** The API refused or failed the request. */
  public static final int FAILED = 1;
  /** Bad flags or arguments. */
  public static final int USAGE = 2;
  /** No token, or the token was refused. */
  public static final int NOT_AUTHENTICATED = 3;
  /** The API could not be reached. */
  public static final int UNREACHABLE = 4;
  /** Authenticated, but the role may not do this. */
  public static final int FORBIDDEN = 5;

  private final int exitCode;

  public CliError(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
