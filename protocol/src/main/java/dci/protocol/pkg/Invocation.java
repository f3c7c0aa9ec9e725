package dci.protocol.pkg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command a step runs: a program and its arguments, passed to the operating system as they
 * are (never through a shell, unless the program is one, e.g. {@code sh} with {@code -c}).
 * The program is a bare name looked up on PATH ({@code java}), an absolute path
 * ({@code /usr/bin/env}), or a path relative to the install directory ({@code bin/start.sh},
 * also written {@code ./bin/start.sh}).
 *
 * @param program what to run
 * @param args its arguments, in order
 * @param env variables added to the installer's minimal environment (not {@code DCI_PACKAGE_*})
 * @param dir working directory relative to the install directory; "." for the directory itself
 */
public record Invocation(String program, List<String> args, Map<String, String> env, String dir) {
  private static final int MAX_ARGS = 256;
  private static final int MAX_ARG = 8192;

  public Invocation {
    PackageNames.requireText("program", program, 1024, false);
    if (program.isBlank()) {
      throw new PackageException("program missing");
    }
    if (program.contains("/") && !program.startsWith("/")) {
      PackagePaths.requireRelative("program", relativeProgram(program));
    }
    args = args == null ? List.of() : List.copyOf(args);
    if (args.size() > MAX_ARGS) {
      throw new PackageException("too many arguments: at most " + MAX_ARGS);
    }
    for (String a : args) {
      PackageNames.requireText("argument", a, MAX_ARG, true);
    }
    Map<String, String> e = new LinkedHashMap<>();
    if (env != null) {
      env.forEach((k, v) -> e.put(PackageNames.requireEnvName(k), PackageNames.requireText("value of " + k, v,
          MAX_ARG, true)));
    }
    env = java.util.Collections.unmodifiableMap(e);
    dir = PackagePaths.requireInstallDir("working dir", dir);
  }

  /** A command with no environment, run in the install directory. */
  public static Invocation of(String program, String... args) {
    return new Invocation(program, List.of(args), Map.of(), ".");
  }

  /** Whether the program is a path inside the install directory (rather than on PATH or absolute). */
  public boolean programInPackage() {
    return program.contains("/") && !program.startsWith("/");
  }

  /** The program relative to the install directory, without a leading "./". */
  public static String relativeProgram(String program) {
    String p = program;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }

  /** The command line as one readable line (for reports, not for a shell). */
  public String line() {
    StringBuilder sb = new StringBuilder(program);
    for (String a : args) {
      sb.append(' ').append(a.isEmpty() || a.matches(".*\\s.*") ? "'" + a + "'" : a);
    }
    return sb.toString();
  }
}
