package dci.protocol.api;

import java.util.List;

/**
 * One route of the HTTP API as its wire contract states it: method, path, the least role that may
 * call it, and the records of its request and reply ({@code null}: no JSON body, e.g. a file or
 * an empty answer). Each feature's package lists its routes next to its records, and
 * {@code docs/api.md} is generated from those lists.
 *
 * @param many the reply is a JSON array of {@code reply}
 */
public record ApiRoute(String method, String path, String role, Class<?> request, Class<?> reply, boolean many,
    String summary) {

  /** A route answering one {@code reply} object. */
  public static ApiRoute of(String method, String path, String role, Class<?> request, Class<?> reply,
      String summary) {
    return new ApiRoute(method, path, role, request, reply, false, summary);
  }

  /** A route answering a JSON array of {@code reply}. */
  public static ApiRoute listOf(String method, String path, String role, Class<?> request, Class<?> reply,
      String summary) {
    return new ApiRoute(method, path, role, request, reply, true, summary);
  }

  /** A feature's routes, under the name {@code docs/api.md} gives it. */
  public record Feature(String name, List<ApiRoute> routes) {}
}
