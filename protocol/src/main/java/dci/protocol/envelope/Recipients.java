package dci.protocol.envelope;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import dci.protocol.DciSerializable;
import java.util.List;

/**
 * Where an envelope goes: one blade, a list of blades (multicast), every blade (broadcast),
 * any one blade running the app type, or every Up blade with a role ({@link Mode#ROLE}, resolved
 * against the directory by the blade that sends it, when it sends it).
 *
 * @param mode how to read {@code blades}
 * @param blades blade names for {@link Mode#BLADE} (one) and {@link Mode#MULTICAST}
 * @param role the role of {@link Mode#ROLE}, null otherwise
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Recipients(
    Mode mode,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "blade") List<String> blades,
    String role)
    implements DciSerializable {

  /** Delivery modes. */
  public enum Mode {
    BLADE,
    MULTICAST,
    ALL,
    ANY,
    ROLE
  }

  public Recipients {
    blades = blades == null ? List.of() : List.copyOf(blades);
  }

  public Recipients(Mode mode, List<String> blades) {
    this(mode, blades, null);
  }

  /** Every Up blade with role {@code role}, as the directory lists them when the envelope is sent. */
  public static Recipients role(String role) {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("role: needs a role name, e.g. role:storage");
    }
    return new Recipients(Mode.ROLE, List.of(), role.trim());
  }

  public static Recipients blade(String name) {
    return new Recipients(Mode.BLADE, List.of(name));
  }

  public static Recipients multicast(List<String> names) {
    return new Recipients(Mode.MULTICAST, names);
  }

  public static Recipients all() {
    return new Recipients(Mode.ALL, List.of());
  }

  public static Recipients any() {
    return new Recipients(Mode.ANY, List.of());
  }

  /** Parses {@code all}, {@code any}, {@code role:R}, a blade name, or a comma-separated list of blade names. */
  public static Recipients parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.startsWith("role:")) {
      return role(t.substring(5));
    }
    if (t.isEmpty() || t.equals("any")) {
      return any();
    }
    if (t.equals("all")) {
      return all();
    }
    List<String> names = java.util.Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String n : names) {
      dci.protocol.auth.Names.requireBladeName(n);
    }
    return names.size() == 1 ? blade(names.get(0)) : multicast(names);
  }
}
