package dci.storage.backup;

/** A backup job that cannot go on, with a message for the operator. */
public final class BackupException extends RuntimeException {
  public BackupException(String message) {
    super(message);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
