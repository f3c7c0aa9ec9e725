package dci.app.moves;

import dci.hardware.port.PortRoute;
import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.auth.Names;
import dci.protocol.moves.MovePair;
import dci.protocol.moves.MoveRequest;
import dci.protocol.moves.MoveView;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A move's plan checked at entry (pure): every refusal is an {@link IllegalArgumentException} saying why. */
final class MovePlans {
  static final List<String> KINDS = List.of("one-to-one", "cascade", "swap");

  private MovePlans() {}

  /** The planned move {@code id} of {@code coordinator}, or why the request is refused. */
  static MoveView plan(String id, String coordinator, Instant now, MoveRequest r, List<PortRoute> ports,
      List<BladeInfo> blades) {
    if (r == null || r.kind() == null || !KINDS.contains(r.kind())) {
      throw new IllegalArgumentException("kind must be one of " + KINDS);
    }
    if (r.pairs() == null || r.pairs().isEmpty()) {
      throw new IllegalArgumentException("a move needs at least one pair user:from:to");
    }
    Map<String, String> routed = ports.stream().collect(Collectors.toMap(PortRoute::user, PortRoute::blade, (a, b) -> b));
    Set<String> known = blades.stream().filter(b -> b.status() == BladeStatus.Up).map(BladeInfo::name)
        .collect(Collectors.toSet());
    Set<String> users = new HashSet<>();
    List<MovePair> pairs = new ArrayList<>();
    for (int i = 0; i < r.pairs().size(); i++) {
      MovePair p = r.pairs().get(i);
      if (p == null || p.user() == null || p.from() == null || p.to() == null) {
        throw new IllegalArgumentException("pair " + (i + 1) + " must name a user, a source and a target blade");
      }
      Names.requireUser(p.user());
      if (!users.add(p.user())) {
        throw new IllegalArgumentException(p.user() + " is in two pairs");
      }
      if (!routed.containsKey(p.user())) {
        throw new IllegalArgumentException(p.user() + " has no desk port: dci port assign " + p.user() + " BLADE");
      }
      if (!routed.get(p.user()).equals(p.from())) {
        throw new IllegalArgumentException(p.user() + "'s desk is on " + routed.get(p.user()) + ", not " + p.from());
      }
      if (p.from().equals(p.to())) {
        throw new IllegalArgumentException(p.user() + ": the source and the target are the same blade " + p.from());
      }
      for (String b : List.of(p.from(), p.to())) {
        if (!known.contains(b)) {
          throw new IllegalArgumentException("no blade " + b + " is Up");
        }
      }
      int depth = p.depth() != null ? p.depth() : r.kind().equals("cascade") ? i : 0;
      if (depth < 0) {
        throw new IllegalArgumentException(p.user() + ": depth must not be negative");
      }
      pairs.add(new MovePair(p.user(), p.from(), p.to(), r.kind().equals("cascade") ? depth : 0));
    }
    if (r.kind().equals("swap")) {
      checkSwap(pairs);
    }
    if (r.kind().equals("one-to-one") && pairs.size() > 1
        && pairs.stream().map(MovePair::from).distinct().count() > 1) {
      throw new IllegalArgumentException("a one-to-one move moves the users of one blade: use a cascade for more");
    }
    if (r.at() != null) {
      try {
        Instant.parse(r.at());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("at must be an instant such as 2030-01-01T22:00:00Z: " + r.at());
      }
    }
    if (r.window() != null) {
      window(r.window());
    }
    if (r.limit() != null) {
      bytesPerSecond(r.limit());
    }
    return new MoveView(id, r.kind(), List.copyOf(pairs), r.at(), r.window(), blank(r.pre()), blank(r.post()),
        r.limit(), "planned", coordinator, now, null, List.of(),
        List.of(new MoveView.Step(now, coordinator, "planned: " + describe(pairs))));
  }

  /** A swap's pairs mirror each other: every pair a→b has its pair b→a, and no blade is in two swaps. */
  private static void checkSwap(List<MovePair> pairs) {
    Map<String, Integer> legs = new TreeMap<>();
    for (MovePair p : pairs) {
      legs.merge(p.from() + ">" + p.to(), 1, Integer::sum);
    }
    for (MovePair p : pairs) {
      if (!legs.containsKey(p.to() + ">" + p.from())) {
        throw new IllegalArgumentException("a swap's pairs mirror each other: " + p.user() + " goes " + p.from()
            + " -> " + p.to() + " but nobody goes " + p.to() + " -> " + p.from());
      }
    }
  }

  /** The window's two times ({@code 22:00-06:00}); it may span midnight. */
  static LocalTime[] window(String w) {
    String[] parts = w.split("-");
    try {
      if (parts.length != 2) {
        throw new java.time.format.DateTimeParseException("", w, 0);
      }
      return new LocalTime[] {LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())};
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("window must be HH:MM-HH:MM, e.g. 22:00-06:00: " + w);
    }
  }

  /** A bandwidth cap such as {@code 10MiB} (bytes a second). */
  static long bytesPerSecond(String limit) {
    try {
      long b = com.typesafe.config.ConfigFactory.parseMap(Map.of("limit", limit)).getBytes("limit");
      if (b <= 0) {
        throw new IllegalArgumentException("limit must be positive: " + limit);
      }
      return b;
    } catch (com.typesafe.config.ConfigException e) {
      throw new IllegalArgumentException("limit must be a size a second such as 10MiB: " + limit);
    }
  }

  static String describe(List<MovePair> pairs) {
    return pairs.stream().map(p -> p.user() + " " + p.from() + " -> " + p.to()
        + (p.depth() != null && p.depth() > 0 ? " (depth " + p.depth() + ")" : "")).collect(Collectors.joining(", "));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
