package dci.hardware.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dci.protocol.DciSerializable;
import java.util.Locale;

/**
 * A condition an operator injects into a blade's body, written {@code KIND[=VALUE]}:
 * {@code disk-errors=RATE} (fraction 0..1 of disk probes that fail), {@code temperature=C},
 * {@code slow-disk=MS} (each disk probe takes this much longer), {@code cpu-load=FRACTION} (the
 * CPU load read, 0..1, as if the blade were that busy), {@code power-off} (the blade
 * dies at once) and {@code cage-power-off} (every blade of its cage dies together).
 */
public record Fault(Kind kind, double value) implements DciSerializable {
  /** What can be injected. */
  public enum Kind {
    DISK_ERRORS("disk-errors", true), TEMPERATURE("temperature", true), SLOW_DISK("slow-disk", true),
    CPU_LOAD("cpu-load", true),    POWER_OFF("power-off", false), CAGE_POWER_OFF("cage-power-off", false);

    private final String wire;
    private final boolean valued;

    Kind(String wire, boolean valued) {
      this.wire = wire;
      this.valued = valued;
    }

    public String wire() {
      return wire;
    }
  }

  public Fault {
    if (kind == null) {
      throw new IllegalArgumentException("a fault needs a kind");
    }
    if (kind == Kind.DISK_ERRORS && (value < 0 || value > 1)) {
      throw new IllegalArgumentException("disk-errors is a fraction between 0 and 1, not " + value);
    }
    if (kind == Kind.TEMPERATURE && (value < -50 || value > 200)) {
      throw new IllegalArgumentException("temperature must be between -50 and 200 C, not " + value);
    }
    if (kind == Kind.CPU_LOAD && (value < 0 || value > 1)) {
      throw new IllegalArgumentException("cpu-load is a fraction between 0 and 1, not " + value);
    }
    if (kind == Kind.SLOW_DISK && (value < 0 || value > 60_000)) {
      throw new IllegalArgumentException("slow-disk is milliseconds between 0 and 60000, not " + value);
    }
  }

  /** Parses {@code KIND[=VALUE]}; refuses anything else with the list of kinds. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Fault parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    int eq = t.indexOf('=');
    String name = eq < 0 ? t : t.substring(0, eq);
    for (Kind k : Kind.values()) {
      if (k.wire.equals(name)) {
        if (k.valued != (eq >= 0)) {
          throw new IllegalArgumentException(k.valued ? k.wire + " needs a value: " + k.wire + "=VALUE"
              : k.wire + " takes no value");
        }
        try {
          return new Fault(k, eq < 0 ? 0 : Double.parseDouble(t.substring(eq + 1)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(k.wire + " needs a number, not '" + t.substring(eq + 1) + "'");
        }
      }
    }
    throw new IllegalArgumentException("unknown fault '" + dci.protocol.auth.Names.printable(text)
        + "': one of disk-errors=RATE, temperature=C, slow-disk=MS, cpu-load=FRACTION, power-off, cage-power-off");
  }

  @JsonValue
  @Override
  public String toString() {
    return kind.valued ? kind.wire + "=" + (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value))
        : kind.wire;
  }
}
