package dci.app.peerlets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import dci.protocol.messaging.ExecRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an existing command-line program, unmodified: command and args (no shell),
 * stdin, environment and working directory from the payload; stdout and stderr go to files,
 * so memory stays bounded, and are read back up to a cap. Blocking: runs on the I/O dispatcher.
 */
public final class ExecRun {
  /**
   * A program to run. Parsed from a payload ({@link #parse}), {@code env} holds the caller's
   * variables, for {@link dci.app.confine.Confinement#wrap}; given to {@link #run}, it is the whole
   * environment the command starts with (the wrapped launch's).
   */
  public record Request(List<String> command, String stdin, Map<String, String> env, Path cwd, long timeoutMs) {}

  /** What came of it. */
  public record Result(int exitCode, String stdout, String stderr, boolean truncated, boolean timedOut, long durationMs,
      String error) {}

  private ExecRun() {}

  /** Reads a request from a payload; refuses a malformed one with a clear message. */
  static Request parse(JsonNode p, long defaultTimeoutMs, long maxTimeoutMs) {
    if (p == null || !p.path("command").isTextual() || p.path("command").asText().isBlank()) {
      throw new IllegalArgumentException("exec payload needs a \"command\" (a program name or path)");
    }
    if (p.has("args") && !p.get("args").isArray()) {
      throw new IllegalArgumentException("exec \"args\" must be an array of strings");
    }
    if (p.has("env") && !p.get("env").isObject()) {
      throw new IllegalArgumentException("exec \"env\" must be an object of names to values");
    }
    ExecRequest r;
    try {
      r = Json.mapper().treeToValue(p, ExecRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("exec payload is malformed: " + e.getOriginalMessage());
    }
    List<String> command = new ArrayList<>();
    command.add(r.command());
    if (r.args() != null) {
      command.addAll(r.args());
    }
    long timeout = r.timeoutMs() == null ? defaultTimeoutMs : r.timeoutMs();
    if (timeout <= 0 || timeout > maxTimeoutMs) {
      throw new IllegalArgumentException("exec timeoutMs must be between 1 and " + maxTimeoutMs);
    }
    return new Request(command, r.stdin(), r.env() == null ? Map.of() : new java.util.TreeMap<>(r.env()),
        r.cwd() == null ? null : Path.of(r.cwd()), timeout);
  }

  public static Result run(Request r, int outputCap) {
    long t0 = System.nanoTime();
    Path out = null;
    Path err = null;
    Path in = null;
    try {
      out = Files.createTempFile("dci-exec", ".out");
      err = Files.createTempFile("dci-exec", ".err");
      ProcessBuilder pb = new ProcessBuilder(r.command())
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      if (r.stdin() != null) {
        in = Files.createTempFile("dci-exec", ".in");
        Files.writeString(in, r.stdin(), StandardCharsets.UTF_8);
        pb.redirectInput(in.toFile());
      } else {
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      pb.environment().clear(); // the request's environment is all the program gets, none of the blade's
      pb.environment().putAll(r.env());
      if (r.cwd() != null) {
        pb.directory(r.cwd().toFile());
      }
      Process process = pb.start();
      boolean finished = process.waitFor(r.timeoutMs(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      boolean truncated = Files.size(out) > outputCap || Files.size(err) > outputCap;
      return new Result(finished ? process.exitValue() : -1, head(out, outputCap), head(err, outputCap), truncated,
          !finished, (System.nanoTime() - t0) / 1_000_000, finished ? null : "timed out after " + r.timeoutMs() + " ms");
    } catch (IOException e) {
      return new Result(-1, "", "", false, false, (System.nanoTime() - t0) / 1_000_000,
          "cannot run " + r.command().get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "", false, false, 0, "interrupted");
    } finally {
      for (Path p : new Path[] {out, err, in}) {
        if (p != null) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // a temp file left behind is harmless
          }
        }
      }
    }
  }

  private static String head(Path file, int cap) throws IOException {
    try (InputStream s = Files.newInputStream(file)) {
      return new String(s.readNBytes(cap), StandardCharsets.UTF_8);
    }
  }
}
