package dci.actors.http;

import dci.protocol.api.ErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error the API gives is JSON: rejections (404, 405, 413, ...) and failures alike. */
public final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  /** Pekko's default rejection answers, with their plain-text bodies turned into JSON. */
  public static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(ApiErrors::asJson);
  }

  public static ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return org.apache.pekko.http.javadsl.server.Directives.complete(
                Responses.error(StatusCodes.SERVICE_UNAVAILABLE, "the blade did not answer in time; try again"));
          }
          LOG.error("request failed", cause);
          return org.apache.pekko.http.javadsl.server.Directives.complete(
              Responses.error(StatusCodes.INTERNAL_SERVER_ERROR, "internal error: " + cause.getClass().getSimpleName()));
        })
        .build();
  }

  private static HttpResponse asJson(HttpResponse response) {
    if (response.entity() instanceof HttpEntity.Strict strict
        && !strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      String text = strict.getData().decodeString(StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        text = response.status().reason();
      }
      return response.withEntity(ContentTypes.APPLICATION_JSON,
          dci.protocol.Json.bytes(new ErrorBody(response.status().intValue(), text)));
    }
    return response;
  }
}
