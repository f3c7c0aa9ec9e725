package dci.actors.http;

import dci.protocol.Json;
import dci.protocol.api.ErrorBody;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;

/** JSON responses of the API. */
public final class Responses {
  private Responses() {}

  public static HttpResponse json(StatusCode status, Object body) {
    return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, Json.bytes(body));
  }

  public static HttpResponse ok(Object body) {
    return json(StatusCodes.OK, body);
  }

  public static HttpResponse error(StatusCode status, String message) {
    return json(status, new ErrorBody(status.intValue(), message));
  }

  public static HttpResponse unauthorized(String message) {
    return error(StatusCodes.UNAUTHORIZED, message)
        .addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "dci")));
  }

  public static HttpResponse forbidden(String message) {
    return error(StatusCodes.FORBIDDEN, message);
  }

  public static HttpResponse badRequest(String message) {
    return error(StatusCodes.BAD_REQUEST, message);
  }
}
