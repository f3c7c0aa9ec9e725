package dci.app.aims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The enterprise's policy (YAML), as {@code dci aims policy set FILE} stores it:
 *
 * <pre>
 * packages:                 # OS packages (dpkg or rpm)
 *   require: [{name: openssh-server, version: ">= 1:9.0"}]
 *   forbid:  [{name: telnetd}, {name: openssl, version: "< 3.0"}]
 * dci-packages: {require: [...], forbid: [...]}   # DCI's own packages, same shape
 * modules:                  # kernel modules (- and _ are the same)
 *   require: [{name: ext4}]
 *   forbid:  [{name: usb-storage}]
 * services: {running: [ssh], stopped: [telnet]}
 * ports: {allow: [22, 443, "8000-8999"]}          # any other listening port is a violation
 * </pre>
 *
 * Unknown keys are refused (a typo must not make a policy silently weaker).
 */
record Policy(Rules packages, Rules dciPackages, Rules modules, Services services, Ports ports) {
  static final int MAX_BYTES = 256 * 1024;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_@:-]{0,127}");
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Packages or modules that must be there (in a version range) or must not be. */
  record Rules(List<Entry> require, List<Entry> forbid) {
    Rules {
      require = require == null ? List.of() : List.copyOf(require);
      forbid = forbid == null ? List.of() : List.copyOf(forbid);
    }

    static final Rules NONE = new Rules(List.of(), List.of());
  }

  /** A package or module and the versions the rule concerns (absent: any). */
  record Entry(String name, String version) {
    VersionRange range() {
      return VersionRange.parse(version);
    }
  }

  /** Services that must run, and services that must not. */
  record Services(List<String> running, List<String> stopped) {
    Services {
      running = running == null ? List.of() : List.copyOf(running);
      stopped = stopped == null ? List.of() : List.copyOf(stopped);
    }
  }

  /** The ports that may listen ({@code 22} or a range {@code "8000-8999"}); null: any. */
  record Ports(List<String> allow) {
    boolean allows(int port) {
      for (String a : allow) {
        String[] r = a.trim().split("-", 2);
        int lo = Integer.parseInt(r[0].trim());
        int hi = r.length == 2 ? Integer.parseInt(r[1].trim()) : lo;
        if (port >= lo && port <= hi) {
          return true;
        }
      }
      return false;
    }
  }

  /** The policy none breaks. */
  static final Policy EMPTY = new Policy(Rules.NONE, Rules.NONE, Rules.NONE, new Services(null, null), null);

  private record Doc(Rules packages, @com.fasterxml.jackson.annotation.JsonProperty("dci-packages") Rules dciPackages,
      Rules modules, Services services, Ports ports) {}

  /** Parses and checks {@code yaml}; an {@link IllegalArgumentException} says what is wrong and where. */
  static Policy parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new IllegalArgumentException("the policy is empty");
    }
    if (yaml.length() > MAX_BYTES) {
      throw new IllegalArgumentException("the policy is over " + MAX_BYTES / 1024 + " KiB");
    }
    Doc d;
    try {
      d = YAML.readValue(yaml, Doc.class);
    } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
      String where = e.getPath().stream().limit(Math.max(0, e.getPath().size() - 1))
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce((a, b) -> a + "." + b).orElse("the top");
      throw new IllegalArgumentException("not a policy: unknown key '" + e.getPropertyName() + "' under " + where
          + " (known: " + e.getKnownPropertyIds() + ")");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a policy: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (d == null) {
      throw new IllegalArgumentException("the policy is empty");
    }
    Policy p = new Policy(or(d.packages()), or(d.dciPackages()), or(d.modules()),
        d.services() == null ? new Services(null, null) : d.services(), d.ports());
    p.check();
    return p;
  }

  private static Rules or(Rules r) {
    return r == null ? Rules.NONE : r;
  }

  private void check() {
    List<String> problems = new ArrayList<>();
    for (var section : List.of(java.util.Map.entry("packages", packages), java.util.Map.entry("dci-packages",
        dciPackages), java.util.Map.entry("modules", modules))) {
      for (Entry e : concat(section.getValue().require(), section.getValue().forbid())) {
        if (e == null || e.name() == null || !NAME.matcher(e.name()).matches()) {
          problems.add(section.getKey() + ": every entry needs a name (letters, digits, . + _ @ : -), not "
              + (e == null || e.name() == null ? "none" : "'" + dci.protocol.auth.Names.printable(e.name()) + "'"));
          continue;
        }
        try {
          e.range();
        } catch (IllegalArgumentException bad) {
          problems.add(section.getKey() + " " + e.name() + ": " + bad.getMessage());
        }
      }
    }
    for (String s : concat(services.running(), services.stopped())) {
      if (s == null || !NAME.matcher(s).matches()) {
        problems.add("services: not a service name: '" + dci.protocol.auth.Names.printable(String.valueOf(s)) + "'");
      }
    }
    if (ports != null) {
      if (ports.allow() == null) {
        problems.add("ports: give allow: [PORT or \"LOW-HIGH\", ...]");
      } else {
        for (String a : ports.allow()) {
          if (a == null || !a.trim().matches("\\d{1,5}(\\s*-\\s*\\d{1,5})?")) {
            problems.add("ports: not a port or range: '" + dci.protocol.auth.Names.printable(String.valueOf(a)) + "'");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the policy has " + problems.size() + " problem(s): "
          + String.join("; ", problems));
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** What a check against this policy must read of a host. */
  HostReader.Need need() {
    Set<String> named = new TreeSet<>(services.running());
    named.addAll(services.stopped());
    return new HostReader.Need(!packages.require().isEmpty() || !packages.forbid().isEmpty(),
        !modules.require().isEmpty() || !modules.forbid().isEmpty(), versionedModules(), named, ports != null,
        !dciPackages.require().isEmpty() || !dciPackages.forbid().isEmpty());
  }

  /** The modules whose versions the policy compares (the inventory looks only these up). */
  Set<String> versionedModules() {
    Set<String> out = new TreeSet<>();
    concat(modules.require(), modules.forbid()).stream().filter(e -> !e.range().any())
        .forEach(e -> out.add(HostReader.moduleName(e.name())));
    return out;
  }
}
