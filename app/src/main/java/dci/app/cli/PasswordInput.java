package dci.app.cli;

import dci.hardware.SecretFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command reads a password: a file, standard input, or the terminal. Never a flag. */
final class PasswordInput {
  @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
  Path file;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
  boolean stdin;

  /** True when neither a file nor stdin was given. */
  boolean absent() {
    return file == null && !stdin;
  }

  /** Reads the password; prompts on a terminal when {@code prompt} is set and nothing else was given. */
  String read(String prompt) {
    if (file != null && stdin) {
      throw new CliError(CliError.USAGE, "give either --password-file or --password-stdin, not both");
    }
    try {
      if (file != null) {
        if (!Files.isRegularFile(file)) {
          throw new CliError(CliError.USAGE, "password file not found: " + file);
        }
        return nonEmpty(SecretFile.read(file), "password file " + file + " is empty");
      }
      if (stdin) {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = r.readLine();
        return nonEmpty(line, "no password on standard input");
      }
    } catch (IOException e) {
      throw new CliError(CliError.FAILED, "cannot read password: " + e.getMessage());
    }
    Console console = System.console();
    if (prompt == null || console == null) {
      throw new CliError(CliError.USAGE, "no password given: use --password-file FILE or --password-stdin");
    }
    char[] pw = console.readPassword("%s", prompt);
    return nonEmpty(pw == null ? null : new String(pw), "no password typed");
  }

  private static String nonEmpty(String s, String message) {
    if (s == null || s.isEmpty()) {
      throw new CliError(CliError.USAGE, message);
    }
    return s;
  }
}
