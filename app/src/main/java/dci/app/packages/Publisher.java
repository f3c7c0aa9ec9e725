package dci.app.packages;

import dci.actors.router.Router;
import dci.protocol.envelope.Envelope;
import dci.protocol.envelope.Recipients;
import dci.protocol.envelope.Sender;
import dci.protocol.pkg.Manifest;
import dci.protocol.pkg.PackageException;
import dci.protocol.pkg.PackageReader;
import dci.protocol.pkg.PackageSignature;
import dci.protocol.pkg.TrustedKeys;
import dci.protocol.pkg.VerifiedPackage;
import dci.storage.vnas.VnasException;
import dci.storage.vnas.VnasPath;
import dci.storage.vnas.VnasVolume;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Publishes a package: streams the upload to {@code DATA/packages/.incoming/}, verifies it
 * (trusted key first, then signature, entry names, sizes and every hash) before anything is
 * stored, writes it to the VNAS at {@code /.packages/NAME/VERSION.dcipkg}, announces it in the
 * catalog and tells every blade's install peerlet (for those that follow it). A refused package
 * leaves nothing behind. Publishing the same file again changes nothing; another file under a
 * name and version already published is refused.
 */
public final class Publisher {
  /** How a publish ended: {@code status} 200 or 201 with {@code info}, or an HTTP error status and why. */
  public record Outcome(int status, String error, PackageInfo info) {
    static Outcome refused(int status, String error) {
      return new Outcome(status, error, null);
    }
  }

  private final ActorSystem<?> system;
  private final VnasVolume volume;
  private final PackageCatalog catalog;
  private final Path incoming;
  private final PackagesSettings settings;
  private final Executor io;
  private final ActorRef<Router.Command> router;
  private final String blade;

  Publisher(ActorSystem<?> system, VnasVolume volume, PackageCatalog catalog, Path incoming, PackagesSettings settings,
      Executor io, ActorRef<Router.Command> router, String blade) {
    this.system = system;
    this.volume = volume;
    this.catalog = catalog;
    this.incoming = incoming;
    this.settings = settings;
    this.io = io;
    this.router = router;
    this.blade = blade;
  }

  /** Publishes the package file streamed in {@code data}, on behalf of {@code user}. */
  public CompletionStage<Outcome> publish(Source<ByteString, ?> data, String user) {
    Path file = incoming.resolve("upload-" + UUID.randomUUID() + ".dcipkg");
    MessageDigest digest = PackageFetch.sha256();
    AtomicLong size = new AtomicLong();
    CompletionStage<Outcome> out = CompletableFuture.runAsync(() -> PackageFetch.mkdirs(incoming), io)
        .thenCompose(v -> data.map(b -> {
          if (size.addAndGet(b.size()) > settings.maxPackageSize()) {
            throw new TooLarge();
          }
          digest.update(b.asByteBuffer());
          return b;
        }).runWith(FileIO.<ByteString>toPath(file).withAttributes(
            ActorAttributes.dispatcher(PackageFetch.DISPATCHER)), system))
        .thenCompose(done -> catalog.trusted())
        .thenApplyAsync(keys -> verify(file, keys), io)
        .thenCompose(pkg -> store(pkg, file, HexFormat.of().formatHex(digest.digest()), size.get(), user));
    return out.exceptionally(this::refusal).whenComplete((o, e) -> PackageFetch.delete(file));
  }

  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  /** Thrown for a package signed by a key this cluster does not trust (403). */
  private static final class Untrusted extends RuntimeException {
    Untrusted(String message) {
      super(message, null, false, false);
    }
  }

  private VerifiedPackage verify(Path file, TrustedKeys keys) {
    PackageSignature signer = PackageReader.signer(file);
    if (!keys.trusts(signer.publicKey())) {
      throw new Untrusted("package refused: signed by key " + signer.keyId() + ", which no blade trusts"
          + " (add it with 'dci package trust PUBFILE' or POST /api/packages/keys)");
    }
    return new PackageReader(keys).read(file);
  }

  private CompletionStage<Outcome> store(VerifiedPackage pkg, Path file, String sha, long size, String user) {
    Manifest m = pkg.manifest();
    VnasPath path = VnasPath.parse(PackageInfo.pathOf(m.name(), m.version()));
    PackageInfo info = new PackageInfo(m.name(), m.version().toString(), m.description(), pkg.keyId(), size, sha,
        path.toString(), user, Instant.now(), m.peerlet() == null ? null : m.peerlet().appType());
    return catalog.find(m.name(), m.version()).thenCompose(existing -> {
      if (existing.isPresent() && !existing.get().sha256().equals(sha)) {
        return CompletableFuture.completedFuture(Outcome.refused(409, m.name() + " " + m.version()
            + " is published already, with other content: publish it under a new version"));
      }
      if (existing.isPresent()) {
        return volume.stat(path).thenCompose(e -> e.isPresent() && e.get().size() == size
            ? CompletableFuture.completedFuture(new Outcome(200, null, existing.get()))
            : write(path, file).thenApply(w -> new Outcome(200, null, existing.get())));
      }
      return write(path, file).thenCompose(w -> catalog.announce(info)).thenApply(i -> {
        announce(i);
        return new Outcome(201, null, i);
      });
    });
  }

  private CompletionStage<Done> write(VnasPath path, Path file) {
    return mkcol(path.parent().parent()).thenCompose(d -> mkcol(path.parent()))
        .thenCompose(d -> volume.write(path, FileIO.fromPath(file), "application/vnd.dci.package"))
        .thenApply(w -> Done.getInstance());
  }

  /** Makes a collection that may exist already (another publish may make it at the same time). */
  private CompletionStage<Done> mkcol(VnasPath dir) {
    return volume.mkcol(dir).handle((d, e) -> {
      if (e != null && VnasException.of(e).map(v -> v.status() != 405).orElse(true)) {
        throw new java.util.concurrent.CompletionException(e);
      }
      return Done.getInstance();
    });
  }

  /** Tells every blade's install peerlet that {@code info} is out (followers upgrade). */
  private void announce(PackageInfo info) {
    Sender me = new Sender(blade, null, null);
    InstallRequest published = new InstallRequest("published", info.name(), info.parsedVersion(), true);
    router.tell(new Router.Send(new Envelope(null, InstallPeerlet.APP, null, me, Recipients.all(), null, null, null,
        null, null, published.payload()), null, null));
  }

  /** Why a package over {@code max} bytes is refused. */
  public static String tooLarge(long max) {
    return "the package is larger than the " + max + "-byte limit (dci.packages.max-package-size)";
  }

  private Outcome refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TooLarge || t.getClass().getSimpleName().equals("EntityStreamSizeException")) {
        return Outcome.refused(413, tooLarge(settings.maxPackageSize()));
      }
      if (t instanceof Untrusted u) {
        return Outcome.refused(403, u.getMessage());
      }
      if (t instanceof PackageException p) {
        return Outcome.refused(400, p.getMessage());
      }
      if (t instanceof VnasException v) {
        return Outcome.refused(v.status() >= 500 ? v.status() : 503, "the VNAS did not store the package: "
            + v.getMessage());
      }
    }
    VnasException v = VnasException.of(e).orElse(null);
    if (v != null) {
      return Outcome.refused(v.status(), "the VNAS did not store the package: " + v.getMessage());
    }
    return Outcome.refused(500, "publish failed: " + PackageFetch.rootMessage(e));
  }
}
