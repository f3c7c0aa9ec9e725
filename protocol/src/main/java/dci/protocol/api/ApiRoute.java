package dci.protocol.api;

import java.util.List;

/**
 * One route of the HTTP API as its wire contract states it: method, path, the least role that may
 * call it, and the records of its request and reply ({@code null}: no JSON body, e.g. a file or
 * an empty answer). Each feature's package lists its routes next to its records, and
 * {@code docs/api.md} is generated from those lists.
 *
 * @param shape whether the reply is one {@code reply}, an array of them, or an object of them by name
 */
public record ApiRoute(String method, String path, String role, Class<?> request, Class<?> reply, Shape shape,
    String summary) {

  /** How the reply holds its records. */
  public enum Shape { ONE, LIST, MAP }

  /** A route answering one {@code reply} object. */
  public static ApiRoute of(String method, String path, String role, Class<?> request, Class<?> reply,
      String summary) {
    return new ApiRoute(method, path, role, request, reply, Shape.ONE, summary);
  }

  /** A route answering a JSON array of {@code reply}. */
  public static ApiRoute listOf(String method, String path, String role, Class<?> request, Class<?> reply,
      String summary) {
    return new ApiRoute(method, path, role, request, reply, Shape.LIST, summary);
  }

  /** A route answering a JSON object whose values are {@code reply} (keyed by a name, e.g. a blade's). */
  public static ApiRoute mapOf(String method, String path, String role, Class<?> request, Class<?> reply,
      String summary) {
    return new ApiRoute(method, path, role, request, reply, Shape.MAP, summary);
  }

  /** A feature's routes, under the name {@code docs/api.md} gives it. */
  public record Feature(String name, List<ApiRoute> routes) {}
}
