package dci.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci vnas put} and {@code dci vnas get}: streamed transfers with a progress bar ({@link Progress}). */
final class VnasPutGet {
  private VnasPutGet() {}

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Upload a local file to PATH on the volume.")
  static final class Put implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "LOCAL") Path local;
    @Parameters(index = "1", paramLabel = "PATH") String path;
    @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      if (!Files.isRegularFile(local) || !Files.isReadable(local)) {
        throw new CliError(CliError.USAGE, "cannot read " + local);
      }
      long size;
      try {
        size = Files.size(local);
      } catch (IOException e) {
        throw new CliError(CliError.FAILED, "cannot read " + local + ": " + e.getMessage());
      }
      String target = path.endsWith("/") ? path + local.getFileName() : path;
      VnasTransfer t = new VnasTransfer(root.apiUrl(), Credentials.token(root.env()));
      Progress bar = Progress.of(spec, progress);
      HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
          HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
              return bar.track(Files.newInputStream(local), size, "put");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }), size);
      HttpResponse<InputStream> rsp = t.send("PUT", target, body);
      bar.close();
      try (InputStream in = rsp.body()) {
        in.readAllBytes();
      } catch (IOException ignored) {
        // the status says it all
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("path", target);
      out.put("size", size);
      out.put("created", rsp.statusCode() == 201);
      out.put("etag", rsp.headers().firstValue("ETag").orElse(null));
      Printer.json(spec.commandLine().getOut(), out);
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Download PATH from the volume to LOCAL ('-' for standard output).")
  static final class Get implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PATH") String path;
    @Parameters(index = "1", paramLabel = "LOCAL") String local;
    @Option(names = "--force", description = "Replace LOCAL if it exists.") boolean force;
    @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      boolean toStdout = local.equals("-");
      Path target = toStdout ? null : Path.of(local);
      if (target != null && Files.exists(target) && !force) {
        throw new CliError(CliError.USAGE, local + " exists: use --force to replace it");
      }
      VnasTransfer t = new VnasTransfer(root.apiUrl(), Credentials.token(root.env()));
      HttpResponse<InputStream> rsp = t.send("GET", path, HttpRequest.BodyPublishers.noBody());
      long size = rsp.headers().firstValueAsLong("Content-Length").orElse(-1);
      Progress bar = toStdout ? Progress.hidden(spec) : Progress.of(spec, progress);
      try (InputStream in = bar.track(rsp.body(), size, "get")) {
        if (toStdout) {
          OutputStream out = System.out;
          VnasTransfer.copy(in, out);
          out.flush();
          return;
        }
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), ".dci-get-", ".part");
        try {
          try (OutputStream out = Files.newOutputStream(tmp)) {
            VnasTransfer.copy(in, out);
          }
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException e) {
        throw new CliError(CliError.FAILED, "download of " + path + " failed: " + e.getMessage());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("path", path);
      out.put("local", local);
      out.put("size", size);
      Printer.json(spec.commandLine().getOut(), out);
    }
  }
}
