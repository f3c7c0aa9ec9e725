package dci.protocol.envelope;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import dci.protocol.DciSerializable;
import java.util.List;

/**
 * Where an envelope goes: one blade, a list of blades (multicast), every blade (broadcast),
 * or any one blade running the app type.
 *
 * @param mode how to read {@code blades}
 * @param blades blade names for {@link Mode#BLADE} (one) and {@link Mode#MULTICAST}
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Recipients(
    Mode mode,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "blade") List<String> blades)
    implements DciSerializable {

  /** Delivery modes. */
  public enum Mode {
    BLADE,
    MULTICAST,
    ALL,
    ANY
  }

  public Recipients {
    blades = blades == null ? List.of() : List.copyOf(blades);
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

  /** Parses {@code all}, {@code any}, a blade name, or a comma-separated list of blade names. */
  public static Recipients parse(String text) {
    String t = text == null ? "" : text.trim();
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
