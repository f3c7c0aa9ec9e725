package dci.app.exports;

import dci.actors.http.Responses;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** What a failed file operation answers: the reason, with the status that fits it. */
final class FsErrors {
  private FsErrors() {}

  static HttpResponse of(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException
        || e instanceof java.io.UncheckedIOException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof IllegalArgumentException) {
      return Responses.badRequest(e.getMessage());
    }
    if (e instanceof SecurityException) {
      return Responses.forbidden(e.getMessage());
    }
    if (e instanceof Forward.NoSuchBlade) {
      return Responses.error(StatusCodes.NOT_FOUND, e.getMessage());
    }
    if (e instanceof NoSuchFileException n) {
      return Responses.error(StatusCodes.NOT_FOUND, n.getMessage().startsWith("no ") ? n.getMessage()
          : "no such file or folder: " + n.getMessage());
    }
    if (e instanceof FileAlreadyExistsException f) {
      return Responses.error(StatusCodes.CONFLICT, "already exists: " + f.getMessage());
    }
    if (e instanceof DirectoryNotEmptyException d) {
      return Responses.error(StatusCodes.CONFLICT, "folder not empty: " + d.getMessage());
    }
    if (e instanceof Failed f) {
      return Responses.error(StatusCodes.get(f.status), f.getMessage());
    }
    return Responses.error(StatusCodes.INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()));
  }

  /** A failure with the status to answer (a peer's refusal passed on). */
  static final class Failed extends RuntimeException {
    final int status;

    Failed(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
