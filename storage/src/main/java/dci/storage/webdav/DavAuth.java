package dci.storage.webdav;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Who is calling a mount point: HTTP Basic with a DCI user, or a DCI bearer token. */
public interface DavAuth {

  /**
   * An authenticated caller; viewers read, operators and admins also write, and an admin may
   * also remove a lock another user took.
   */
  record User(String name, boolean canWrite, boolean admin) {}

  /**
   * Failing an authentication with this answers 429 with {@code Retry-After}: too many password
   * checks are running at once (none was made for this request).
   */
  final class Busy extends RuntimeException {
    public Busy() {
      super("too many logins at once: try again in a second", null, false, false);
    }
  }

  /** The caller named by the {@code Authorization} header, or empty (answered 401). */
  CompletionStage<Optional<User>> authenticate(Optional<String> authorization, String clientAddress);
}
