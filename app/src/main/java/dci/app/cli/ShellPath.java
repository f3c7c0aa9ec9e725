package dci.app.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A path of the shell's virtual tree: {@code /}, {@code /blades}, {@code /blades/BLADE},
 * {@code /blades/BLADE/EXPORT/...} (a blade's exported folder) and {@code /vnas/...} (the pooled
 * volume). Relative paths are taken from the current folder; {@code ..} is resolved here, never
 * above {@code /}, so no path names anything outside the tree.
 *
 * @param text the absolute, normalized path
 * @param kind which part of the tree it is in
 * @param blade the blade of {@link Kind#BLADE} and {@link Kind#EXPORT}, else null
 * @param rest {@code /EXPORT/...} of an export path, the volume's path of {@link Kind#VNAS}, else null
 */
record ShellPath(String text, Kind kind, String blade, String rest) {

  /** The parts of the tree. */
  enum Kind { ROOT, BLADES, BLADE, EXPORT, VNAS }

  /** {@code arg} taken from folder {@code cwd}, normalized and placed in the tree. */
  static ShellPath of(String cwd, String arg) {
    String joined = arg.startsWith("/") ? arg : cwd + "/" + arg;
    Deque<String> parts = new ArrayDeque<>();
    for (String p : joined.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    String text = "/" + String.join("/", parts);
    String[] a = parts.toArray(new String[0]);
    if (a.length == 0) {
      return new ShellPath(text, Kind.ROOT, null, null);
    }
    if (a[0].equals("vnas")) {
      return new ShellPath(text, Kind.VNAS, null, text.substring(5).isEmpty() ? "/" : text.substring(5));
    }
    if (!a[0].equals("blades")) {
      throw new CliError(CliError.USAGE, "no such path: " + text + " (the tree is /blades/BLADE/EXPORT/... and /vnas/...)");
    }
    if (a.length == 1) {
      return new ShellPath(text, Kind.BLADES, null, null);
    }
    if (a.length == 2) {
      return new ShellPath(text, Kind.BLADE, a[1], null);
    }
    return new ShellPath(text, Kind.EXPORT, a[1], text.substring(("/blades/" + a[1]).length()));
  }

  /** The last part of the path ({@code /} for the root). */
  String name() {
    int i = text.lastIndexOf('/');
    return text.length() == 1 ? "/" : text.substring(i + 1);
  }

  /** This path with {@code child} added. */
  ShellPath child(String child) {
    return of(text, child);
  }

  /** True for a path where files live (an export or the volume), not the tree's fixed folders. */
  boolean holdsFiles() {
    return kind == Kind.EXPORT || kind == Kind.VNAS;
  }
}
