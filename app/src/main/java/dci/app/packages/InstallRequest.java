package dci.app.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dci.protocol.auth.Names;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageNames;
import dci.protocol.pkg.PackageVersion;
import java.util.Set;

/**
 * The payload of an envelope to the install peerlet, checked where it enters:
 * {@code {op: install, name, version?}}, {@code {op: uninstall, name}}, {@code {op: list}},
 * {@code {op: follow, name, follow: true|false}}, {@code {op: published, name, version}} (sent
 * to every blade when a package is published) and {@code {op: catch-up}} (the blade to itself:
 * bring every followed package to its newest version).
 *
 * @param version null for the newest
 */
public record InstallRequest(String op, String name, PackageVersion version, boolean follow) {
  public static final Set<String> OPS = Set.of("install", "uninstall", "list", "follow", "published", "catch-up");

  /** Parses a payload; refuses (with a reason) anything else. */
  public static InstallRequest parse(JsonNode p) {
    if (p == null || !p.isObject()) {
      throw new PackageException("the payload must be an object such as {\"op\": \"install\", \"name\": \"hello\"}");
    }
    String op = p.path("op").asText("");
    if (!OPS.contains(op)) {
      throw new PackageException("unknown op '" + Names.printable(op) + "': one of " + String.join(", ",
          new java.util.TreeSet<>(OPS)));
    }
    boolean named = !op.equals("list") && !op.equals("catch-up");
    String name = named ? PackageNames.requirePackage(p.path("name").isTextual() ? p.get("name").asText() : null) : null;
    PackageVersion version = null;
    if (p.hasNonNull("version") && (op.equals("install") || op.equals("published"))) {
      version = PackageVersion.parse(p.get("version").asText());
    }
    JsonNode f = p.get("follow");
    if (f != null && !f.isNull() && !f.isBoolean()) {
      throw new PackageException("follow must be true or false");
    }
    return new InstallRequest(op, name, version, f == null || f.isNull() || f.asBoolean());
  }

  /** The payload of this request. */
  public ObjectNode payload() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("op", op);
    if (name != null) {
      n.put("name", name);
    }
    if (version != null) {
      n.put("version", version.toString());
    }
    if (op.equals("follow")) {
      n.put("follow", follow);
    }
    return n;
  }
}
