package dci.protocol.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Operator roles, weakest first: a role includes every right of the ones before it. */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** True when this role has at least the rights of {@code other}. */
  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code admin|operator|viewer}, case-insensitively. */
  @JsonCreator
  public static Role parse(String text) {
    if (text != null) {
      for (Role r : values()) {
        if (r.wireName().equalsIgnoreCase(text.trim())) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + text + "': expected one of admin, operator, viewer");
  }
}
