package dci.app.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.Json;
import dci.hardware.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

/**
 * The saved session of {@code dci login}: {@code ${XDG_CONFIG_HOME:-~/.config}/dci/credentials},
 * mode 600. A token from {@code $DCI_TOKEN} wins over it. Read as written (fields it does not
 * know, from a newer CLI, are passed over).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Credentials(String url, String user, String token, Instant expiresAt) {

  static Path file(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("dci").resolve("credentials");
  }

  void save(Map<String, String> env) {
    Path f = file(env);
    try {
      if (!Files.isDirectory(f.getParent())) {
        Files.createDirectories(f.getParent(),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      SecretFile.write(f, new String(Json.bytes(this), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save credentials to " + f + ": " + e.getMessage(), e);
    }
  }

  static boolean delete(Map<String, String> env) {
    try {
      return Files.deleteIfExists(file(env));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file(env) + ": " + e.getMessage(), e);
    }
  }

  static Credentials load(Map<String, String> env) {
    Path f = file(env);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      Credentials c = Json.mapper().readValue(Files.readString(f), Credentials.class);
      if (c == null) {
        throw new IllegalArgumentException("no session in it");
      }
      return c;
    } catch (IOException | RuntimeException e) {
      throw new CliError(CliError.NOT_AUTHENTICATED, "cannot read " + f + " (" + e.getMessage() + "): run 'dci login'");
    }
  }

  /** The token to send: $DCI_TOKEN, else the saved one; refuses with exit 3 if none. */
  static String token(Map<String, String> env) {
    String t = env.get("DCI_TOKEN");
    if (t != null && !t.isBlank()) {
      return t.trim();
    }
    Credentials c = load(env);
    if (c == null || c.token() == null) {
      throw new CliError(CliError.NOT_AUTHENTICATED, "not logged in: run 'dci login --user NAME' or set DCI_TOKEN");
    }
    if (c.expiresAt() != null && c.expiresAt().isBefore(Instant.now())) {
      throw new CliError(CliError.NOT_AUTHENTICATED, "session expired at " + c.expiresAt() + ": run 'dci login' again");
    }
    return c.token();
  }
}
