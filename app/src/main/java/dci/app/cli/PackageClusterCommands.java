package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageKeys;
import dci.protocol.pkg.api.KeyRequest;
import dci.protocol.pkg.api.PublishedPackage;
import dci.protocol.pkg.api.PublisherKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dci package publish|list|trust|keys}: packages in the cluster (issue 7). */
final class PackageClusterCommands {
  private static final HttpClient HTTP = CliTrust.httpClient(Duration.ofSeconds(5));

  private PackageClusterCommands() {}

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = {"Publish a package file to the cluster: it is verified before anything is stored, the file",
          "goes to the VNAS (/.packages/NAME/VERSION.dcipkg) and blades that follow the package upgrade."})
  static final class Publish implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @CommandLine.Mixin Progress.Flag progress = new Progress.Flag();

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new CliError(CliError.USAGE, "cannot read " + file);
      }
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new CliError(CliError.FAILED, "cannot read " + file + ": " + e.getMessage());
      }
      String token = Credentials.token(root.env());
      Progress bar = Progress.of(spec, progress);
      HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
          HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
              return bar.track(Files.newInputStream(file), size, "publish");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }), size);
      PublishedPackage info = Wire.read(upload(root.apiUrl(), token, body), PublishedPackage.class);
      bar.close();
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, info);
        return;
      }
      out.printf("published %s %s (%s, key %s) at %s%n", info.name(), info.version(), Printer.bytes(info.size()),
          info.keyId(), info.vnasPath());
      out.flush();
    }

    private static JsonNode upload(String base, String token, HttpRequest.BodyPublisher body) {
      HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/packages")).timeout(Duration.ofMinutes(30))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
          .header("Accept", "application/json").POST(body).build();
      HttpResponse<InputStream> rsp;
      String text;
      try {
        rsp = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = rsp.body()) {
          text = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
        }
      } catch (ConnectException e) {
        throw new CliError(CliError.UNREACHABLE, "cannot reach the DCI API at " + base + ": connection refused");
      } catch (IOException e) {
        throw new CliError(CliError.UNREACHABLE, "upload to " + base + " failed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliError(CliError.FAILED, "interrupted");
      }
      JsonNode json;
      try {
        json = Json.mapper().readTree(text.isBlank() ? "null" : text);
      } catch (IOException e) {
        json = null;
      }
      int code = rsp.statusCode();
      if (code < 400 && json != null && json.isObject()) {
        return json;
      }
      String error = ApiClient.errorMessage(json);
      String msg = error != null ? error : "HTTP " + code;
      throw switch (code) {
        case 401 -> new CliError(CliError.NOT_AUTHENTICATED, "not authenticated: " + msg);
        case 403 -> msg.startsWith("role ") ? new CliError(CliError.FORBIDDEN, "forbidden: " + msg)
            : new CliError(CliError.FAILED, msg);
        default -> new CliError(CliError.FAILED, msg + " (HTTP " + code + ")");
      };
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The packages published in the cluster.")
  static final class ListPublished implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<PublishedPackage> rows = Wire.list(VnasCommand.api(root).get("/api/packages"), PublishedPackage.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      if (rows.isEmpty()) {
        out.println("no package is published");
        out.flush();
        return;
      }
      Printer.rows(out, rows, List.<Printer.Cell<PublishedPackage>>of(
          new Printer.Cell<>("NAME", r -> Printer.text(r.name())),
          new Printer.Cell<>("VERSION", r -> Printer.text(r.version())),
          new Printer.Cell<>("SIZE", r -> Printer.bytes(r.size())),
          new Printer.Cell<>("KEY", r -> Printer.text(r.keyId())),
          new Printer.Cell<>("PEERLET", r -> Printer.text(r.peerlet())),
          new Printer.Cell<>("PUBLISHED", r -> Printer.text(r.publishedAt()) + " by " + Printer.text(r.publishedBy())),
          new Printer.Cell<>("DESCRIPTION", r -> Printer.text(r.description()).lines().findFirst().orElse(""))));
    }
  }

  @Command(name = "trust", mixinStandardHelpOptions = true,
      description = "Trust a publisher key (a .pub file from 'dci package keygen') on every blade from now on.")
  static final class Trust implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PUBFILE") Path pub;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      String text;
      try {
        PackageKeys.readPublic(pub);
        text = Files.readString(pub);
      } catch (PackageException | IOException e) {
        throw new CliError(CliError.USAGE, e.getMessage());
      }
      PublisherKey r = VnasCommand.api(root).post("/api/packages/keys", new KeyRequest(text), PublisherKey.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      out.printf("every blade trusts key %s now%n", r.keyId());
      out.flush();
    }
  }

  @Command(name = "keys", mixinStandardHelpOptions = true,
      description = "The publisher keys blades trust: from configuration and added by admins.")
  static final class Keys implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      DciCommand root = DciCommand.root(spec);
      List<PublisherKey> rows = Wire.list(VnasCommand.api(root).get("/api/packages/keys"), PublisherKey.class);
      PrintWriter out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, rows);
        return;
      }
      Printer.rows(out, rows, List.<Printer.Cell<PublisherKey>>of(new Printer.Cell<>("KEY", r -> Printer.text(r.keyId())),
          new Printer.Cell<>("SOURCE", r -> Printer.text(r.source()))));
    }
  }
}
