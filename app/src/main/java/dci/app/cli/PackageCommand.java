package dci.app.cli;

import dci.protocol.pkg.Dependency;
import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageKeys;
import dci.protocol.pkg.PackageReader;
import dci.protocol.pkg.PackageSignature;
import dci.protocol.pkg.PackageWriter;
import dci.protocol.pkg.PackagedPeerlet;
import dci.protocol.pkg.PayloadFile;
import dci.protocol.pkg.Step;
import dci.protocol.pkg.TrustedKeys;
import dci.protocol.pkg.VerifiedPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dci package keygen|build|verify}: publisher keys and signed packages, offline; and
 * {@code publish|list|trust|keys} against the cluster ({@link PackageClusterCommands}). See docs/package.md.
 */
@Command(name = "package", mixinStandardHelpOptions = true,
    description = {"Signed software packages: make a publisher key, build a package, verify one;",
        "publish it to the cluster, list what is published, trust a publisher key."},
    subcommands = {PackageCommand.Keygen.class, PackageCommand.Build.class, PackageCommand.Verify.class,
        PackageClusterCommands.Publish.class, PackageClusterCommands.ListPublished.class,
        PackageClusterCommands.Trust.class, PackageClusterCommands.Keys.class})
final class PackageCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'dci package --help'");
  }

  /** {@code bytes} as the tables show sizes (KiB, MiB...). */
  static String bytes(long bytes) {
    return Printer.bytes(bytes);
  }

  static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Make an Ed25519 publisher key: PREFIX.key (secret, mode 600) and PREFIX.pub (for blades to trust).")
  static final class Keygen implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "Writes PREFIX.key and PREFIX.pub.")
    String prefix;
    @Option(names = "--force", description = "Replace existing key files.") boolean force;

    @Override
    public Integer call() {
      Path key = Path.of(prefix + ".key");
      Path pub = Path.of(prefix + ".pub");
      for (Path p : List.of(key, pub)) {
        if (Files.exists(p) && !force) {
          throw new CliError(CliError.USAGE, p + " exists: use --force to replace it");
        }
      }
      KeyPair pair = PackageKeys.generate();
      String id = PackageKeys.keyId(pair.getPublic());
      try {
        PackageKeys.writeKeyPair(key, pair, force);
        PackageKeys.writePublic(pub, pair.getPublic(), force);
      } catch (PackageException e) {
        throw new CliError(CliError.FAILED, e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, Map.of("keyId", id, "privateKey", key.toString(), "publicKey", pub.toString(),
            "publicKeyBase64", PackageKeys.encodePublic(pair.getPublic())));
      } else {
        out.printf("key %s%n  %s  secret (mode 600): signs packages%n  %s  give it to blades to trust%n", id, key, pub);
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "build", mixinStandardHelpOptions = true,
      description = {"Build a signed package from DIR: DIR/manifest.xml and every other file under DIR as payload.",
          "The manifest's <files> is filled in with each file's size and SHA-256."})
  static final class Build implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "DIR") Path dir;
    @Option(names = "--key", required = true, paramLabel = "KEY", description = "A .key file from 'dci package keygen'.")
    Path key;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The package file to write.") Path out;
    @Option(names = "--force", description = "Replace FILE if it exists.") boolean force;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new CliError(CliError.USAGE, "no such directory: " + dir);
      }
      if (!Files.isRegularFile(key)) {
        throw new CliError(CliError.USAGE, "no such key file: " + key);
      }
      if (Files.exists(out) && !force) {
        throw new CliError(CliError.USAGE, out + " exists: use --force to replace it");
      }
      Manifest m;
      KeyPair pair;
      try {
        pair = PackageKeys.readKeyPair(key);
        m = new PackageWriter().write(dir, pair, out);
      } catch (PackageException e) {
        throw new CliError(CliError.FAILED, e.getMessage());
      }
      String id = PackageKeys.keyId(pair.getPublic());
      PrintWriter w = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(w, Map.of("file", out.toString(), "name", m.name(), "version", m.version().toString(),
            "keyId", id, "files", m.files().size(), "payloadBytes", m.payloadBytes(), "bytes", Files.size(out)));
      } else {
        w.printf("built %s: %s %s, %s (%s), signed by key %s%n", out, m.name(), m.version(), files(m.files().size()),
            bytes(m.payloadBytes()), id);
        w.flush();
      }
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify a package file before anything in it is used: signature, entry names, sizes and hashes;",
          "with --trust, also that its key is one of those given. Exit status 0 verified, 1 refused."})
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--trust", paramLabel = "PUBFILE", description = "A trusted publisher key (.pub); repeatable.")
    List<Path> trust = new ArrayList<>();

    /** What verify prints as JSON; {@code trusted} is false when no --trust was given (not checked). */
    record View(String file, String name, String version, String description, String keyId, boolean trusted,
        List<Dependency> dependencies, List<PayloadFile> files, PackagedPeerlet peerlet,
        List<Step> install, List<Step> upgrade, List<Step> uninstall) {}

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new CliError(CliError.USAGE, "no such file: " + file);
      }
      VerifiedPackage p;
      try {
        TrustedKeys keys = trust.isEmpty() ? TrustedKeys.of(signer().publicKey()) : trusted();
        p = new PackageReader(keys).read(file);
      } catch (PackageException e) {
        throw new CliError(CliError.FAILED, e.getMessage());
      }
      Manifest m = p.manifest();
      View v = new View(file.toString(), m.name(), m.version().toString(), m.description(), p.keyId(), !trust.isEmpty(),
          m.dependencies(), m.files(), m.peerlet(), m.install(), m.upgrade(), m.uninstall());
      PrintWriter out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, v);
      } else {
        table(out, v, m);
      }
      return 0;
    }

    private PackageSignature signer() {
      return PackageReader.signer(file);
    }

    private TrustedKeys trusted() {
      try {
        return TrustedKeys.load(trust);
      } catch (PackageException e) {
        throw new CliError(CliError.USAGE, "--trust: " + e.getMessage());
      }
    }

    private static void table(PrintWriter out, View v, Manifest m) {
      out.printf("package     %s %s%n", v.name(), v.version());
      if (!v.description().isEmpty()) {
        out.printf("about       %s%n", v.description().replace("\n", "\n            "));
      }
      out.printf("signed by   key %s%s%n", v.keyId(), v.trusted() ? " (trusted)"
          : " (not checked against trusted keys: pass --trust PUBFILE)");
      if (!v.dependencies().isEmpty()) {
        out.printf("needs       %s%n", String.join(", ", v.dependencies().stream().map(Dependency::toString).toList()));
      }
      if (v.peerlet() != null) {
        out.printf("peerlet     %s: %s in %s%n", v.peerlet().appType(), v.peerlet().mainClass(), v.peerlet().jar());
      }
      out.println();
      Printer.rows(out, v.files(), List.<Printer.Cell<PayloadFile>>of(new Printer.Cell<>("FILE", r -> Printer.text(r.path())),
          new Printer.Cell<>("SIZE", r -> Printer.bytes(r.size())),
          new Printer.Cell<>("SHA256", r -> r.sha256().substring(0, 16) + "…")));
      steps(out, "install", m.install(), "none");
      steps(out, "upgrade", m.upgrade(), "the install steps");
      steps(out, "uninstall", m.uninstall(), "none");
      out.printf("%nverified: %s %s, %s (%s)%n", v.name(), v.version(), files(v.files().size()),
          bytes(m.payloadBytes()));
      out.flush();
    }

    private static void steps(PrintWriter out, String list, List<Step> steps, String none) {
      out.printf("%n%s steps:%s%n", list, steps.isEmpty() ? " " + none : "");
      for (int i = 0; i < steps.size(); i++) {
        out.printf("  %d. %s%n", i + 1, steps.get(i).describe());
      }
    }
  }
}
