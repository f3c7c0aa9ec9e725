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

  /** The caller named by the {@code Authorization} header, or empty (answered 401). */
  CompletionStage<Optional<User>> authenticate(Optional<String> authorization, String clientAddress);
}
