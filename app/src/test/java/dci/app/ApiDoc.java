package dci.app;

import dci.protocol.api.ApiRoute;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/api.md} from the wire contract: per feature, its routes (as its package lists
 * them) and every record they carry, with each field's JSON name and type read by reflection.
 */
final class ApiDoc {
  private ApiDoc() {}

  static String render(List<ApiRoute.Feature> features) {
    StringBuilder md = new StringBuilder();
    md.append("# HTTP API: the wire contract\n\n")
        .append("Generated from the records in `protocol` (`dci.protocol.*`) and each feature's list of routes by\n")
        .append("`app/src/test/java/dci/app/ApiDocTest.java`; do not edit by hand. After changing a record or a\n")
        .append("route, write it anew with\n\n")
        .append("```sh\nmvn -B -o -pl app -am -Dtest=ApiDocTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Ddci.writeApiDoc=true verify\n```\n\n")
        .append("The test fails while this file differs from what it would write. Requests refuse unknown fields\n")
        .append("(400); replies read by the CLI tolerate fields added later. JSON types: `integer` and `number`\n")
        .append("are JSON numbers; `T[]` is an array; `time` is an ISO-8601 string; a `?` marks a field that may be\n")
        .append("left out or null in a request.\n");
    for (ApiRoute.Feature f : features) {
      md.append("\n## ").append(f.name()).append("\n\n")
          .append("| method | path | least role | request | reply | what |\n|---|---|---|---|---|---|\n");
      Set<Class<?>> records = new LinkedHashSet<>();
      for (ApiRoute r : f.routes()) {
        md.append("| ").append(r.method()).append(" | `").append(r.path()).append("` | ").append(r.role())
            .append(" | ").append(r.request() == null ? "-" : link(r.request()))
            .append(" | ").append(r.reply() == null ? "-" : reply(r))
            .append(" | ").append(r.summary().replace("|", "\\|")).append(" |\n");
        collect(r.request(), records);
        collect(r.reply(), records);
      }
      for (Class<?> c : records) {
        md.append("\n### ").append(name(c)).append("\n\n`").append(c.getName().replace('$', '.')).append("`\n\n")
            .append("| field | JSON type |\n|---|---|\n");
        for (RecordComponent rc : c.getRecordComponents()) {
          md.append("| `").append(rc.getName()).append("` | ").append(type(rc.getGenericType())).append(" |\n");
        }
      }
    }
    return md.toString();
  }

  private static String reply(ApiRoute r) {
    return switch (r.shape()) {
      case ONE -> link(r.reply());
      case LIST -> link(r.reply()) + "[]";
      case MAP -> "object of " + link(r.reply());
    };
  }

  /** The records reachable from {@code root}, in the order met. */
  private static void collect(Class<?> root, Set<Class<?>> into) {
    Deque<Type> todo = new ArrayDeque<>();
    if (root != null) {
      todo.add(root);
    }
    while (!todo.isEmpty()) {
      Type t = todo.poll();
      if (t instanceof ParameterizedType p) {
        todo.addAll(Arrays.asList(p.getActualTypeArguments()));
      } else if (t instanceof Class<?> c && c.isRecord() && into.add(c)) {
        for (RecordComponent rc : c.getRecordComponents()) {
          todo.add(rc.getGenericType());
        }
      }
    }
  }

  private static String name(Class<?> c) {
    return c.getEnclosingClass() == null ? c.getSimpleName() : name(c.getEnclosingClass()) + "." + c.getSimpleName();
  }

  private static String link(Class<?> c) {
    return "[" + name(c) + "](#" + name(c).toLowerCase(java.util.Locale.ROOT).replace(".", "") + ")";
  }

  static String type(Type t) {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return type(args[0]) + "[]";
      }
      if (Map.class.isAssignableFrom(raw)) {
        return "object of " + type(args[1]);
      }
      return type(raw);
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class) {
      return "string";
    }
    if (c == boolean.class) {
      return "boolean";
    }
    if (c == int.class || c == long.class || c == short.class) {
      return "integer";
    }
    if (c == double.class || c == float.class) {
      return "number";
    }
    if (c == Boolean.class) {
      return "boolean?";
    }
    if (c == Integer.class || c == Long.class) {
      return "integer?";
    }
    if (c == Double.class) {
      return "number?";
    }
    if (c == UUID.class) {
      return "string (UUID)";
    }
    if (c == Instant.class) {
      return "time";
    }
    if (c.isEnum()) {
      return "string (" + Arrays.stream(c.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(" \\| "))
          + ")";
    }
    if (c.isRecord()) {
      return link(c);
    }
    if (c.isArray()) {
      return type(c.getComponentType()) + "[]";
    }
    return "any JSON";
  }
}
