package dci.app.install;

import dci.protocol.pkg.CopyStep;
import dci.protocol.pkg.ExtractStep;
import dci.protocol.pkg.Invocation;
import dci.protocol.pkg.ModeStep;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PayloadStream;
import dci.protocol.pkg.RunStep;
import dci.protocol.pkg.ServiceStep;
import dci.protocol.pkg.Step;
import dci.protocol.pkg.VerifyStep;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns manifest steps into actions in a directory, one after the other, stopping at the first
 * failure (the remaining steps are reported as skipped). Never throws for a failing step: the
 * failure and its output are in the step's {@link StepResult}.
 */
final class StepRunner {
  private StepRunner() {}

  /** Runs {@code steps} in order; the list has one result per step. */
  static List<StepResult> runAll(List<Step> steps, StepContext ctx) {
    List<StepResult> results = new ArrayList<>();
    boolean failed = false;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (failed) {
        results.add(new StepResult(i + 1, s.kind(), s.describe(), StepResult.Status.SKIPPED, "", Duration.ZERO));
        continue;
      }
      long start = System.nanoTime();
      StepResult.Status status = StepResult.Status.OK;
      String output;
      try {
        output = run(s, ctx);
      } catch (StepFailed e) {
        status = StepResult.Status.FAILED;
        output = e.getMessage();
      } catch (PackageException | IOException | UncheckedIOException e) {
        status = StepResult.Status.FAILED;
        output = e instanceof PackageException ? e.getMessage() : "I/O error: " + e.getMessage();
      }
      failed = status == StepResult.Status.FAILED;
      results.add(new StepResult(i + 1, s.kind(), s.describe(), status, output,
          Duration.ofNanos(System.nanoTime() - start)));
    }
    return results;
  }

  /** A command that ran and failed; its message is the command's output and how it ended. */
  private static final class StepFailed extends Exception {
    StepFailed(String message) {
      super(message, null, false, false);
    }
  }

  private static String run(Step s, StepContext ctx) throws IOException, StepFailed {
    if (s instanceof CopyStep c) {
      return copy(c, ctx);
    } else if (s instanceof ExtractStep e) {
      try (PayloadStream in = payload(ctx, e.from())) {
        String summary = ArchiveExtractor.extract(e, in, ctx.dir(), ctx.limits());
        in.drain();
        return summary;
      }
    } else if (s instanceof ModeStep m) {
      Path p = InstallPaths.resolve(ctx.dir(), "mode path", m.path());
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new PackageException("mode path '" + m.path() + "' does not exist");
      }
      return Trees.setMode(p, m.mode()) ? "" : "POSIX modes are not supported here: skipped";
    } else if (s instanceof RunStep r) {
      return command(r.command(), r.timeoutSeconds(), ctx);
    } else if (s instanceof VerifyStep v) {
      return command(v.command(), v.timeoutSeconds(), ctx);
    } else if (s instanceof ServiceStep svc) {
      program(svc.command(), ctx.dir());
      directory(svc.command(), ctx.dir());
      return "service " + svc.name() + " registered";
    }
    throw new PackageException("unknown step " + s.kind());
  }

  private static String copy(CopyStep c, StepContext ctx) throws IOException {
    Path target = InstallPaths.resolveForWriting(ctx.dir(), "copy to", c.to());
    try (PayloadStream in = payload(ctx, c.from());
        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
      long n = in.transferTo(out);
      return "copied " + n + " bytes";
    }
  }

  private static PayloadStream payload(StepContext ctx, String path) {
    if (ctx.pkg() == null) {
      throw new PackageException("no package payload here");
    }
    return ctx.pkg().openPayload(path);
  }

  private static String command(Invocation c, int timeout, StepContext ctx) throws StepFailed {
    List<String> line = new ArrayList<>();
    line.add(program(c, ctx.dir()));
    line.addAll(c.args());
    Map<String, String> env = new HashMap<>(ctx.env());
    env.putAll(c.env());
    ProcessRunner.Outcome o = ProcessRunner.run(line, directory(c, ctx.dir()), env, timeout, ctx.limits().maxOutputBytes());
    if (o.ok()) {
      return o.output();
    }
    String how = o.timedOut() ? "timed out after " + timeout + " s" : o.exitCode() < 0 ? "could not run"
        : "exited with status " + o.exitCode();
    throw new StepFailed(how + (o.output().isEmpty() ? "" : ":\n" + o.output()));
  }

  /** The program to start: a package path becomes absolute (and must exist), others stay as written. */
  static String program(Invocation c, Path dir) {
    if (!c.programInPackage()) {
      return c.program();
    }
    String rel = Invocation.relativeProgram(c.program());
    Path p = InstallPaths.resolve(dir, "program", rel);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new PackageException("program '" + rel + "' is not a file in the install directory");
    }
    return p.toString();
  }

  static Path directory(Invocation c, Path dir) {
    Path d = InstallPaths.resolve(dir, "working dir", c.dir());
    if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      throw new PackageException("working dir '" + c.dir() + "' is not a directory in the install directory");
    }
    return d;
  }
}
