package dci.protocol.pkg;

import dci.protocol.auth.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Verifies a package file before anything in it is extracted or run. In order: every entry name
 * is safe ({@link PackagePaths}), unique, within the entry cap and one of the
 * {@link PackageLayout} entries; the signature verifies over the exact manifest bytes and its
 * key is trusted; only then is the manifest parsed (hardened XML) and checked; every payload
 * entry must be listed and every listed file present, within the payload cap, with matching
 * size and SHA-256. Any refusal is a {@link PackageException}.
 *
 * <p>Entry types in the ZIP are not trusted either: the installer writes payload as regular
 * files only and never creates links from package entries.
 */
public final class PackageReader {
  private final TrustedKeys trusted;
  private final PackageLimits limits;
  private final ManifestXml xml;

  public PackageReader(TrustedKeys trusted) {
    this(trusted, PackageLimits.DEFAULT);
  }

  public PackageReader(TrustedKeys trusted, PackageLimits limits) {
    this.trusted = trusted;
    this.limits = limits;
    this.xml = new ManifestXml(new dci.protocol.envelope.EnvelopeLimits(limits.maxManifestBytes(), 16));
  }

  /** Verifies {@code file} and returns it as a {@link VerifiedPackage}. */
  public VerifiedPackage read(Path file) {
    try (ZipFile zip = open(file)) {
      Entries e = entries(zip);
      PackageSignature sig = PackageSignature.parse(bytes(zip, e.signature, PackageLimits.MAX_SIGNATURE_BYTES));
      byte[] manifestBytes = bytes(zip, e.manifest, limits.maxManifestBytes());
      if (!sig.verifies(manifestBytes)) {
        throw new PackageException("package refused: the signature does not match manifest.xml (key "
            + sig.keyId() + "): the package was altered after signing");
      }
      if (!trusted.trusts(sig.publicKey())) {
        throw new PackageException("package refused: signed by key " + sig.keyId() + ", which is not trusted"
            + (trusted.isEmpty() ? " (no key is trusted)" : " (trusted: " + String.join(", ", trusted.keyIds()) + ")"));
      }
      Manifest m = xml.decode(manifestBytes);
      m.requirePayloadReferences();
      checkPayload(zip, e.payload, m);
      return new VerifiedPackage(file, m, manifestBytes, sig);
    } catch (IllegalArgumentException ex) {
      throw new PackageException("package refused: malformed ZIP (" + ex.getMessage() + ")", ex);
    } catch (IOException ex) {
      throw new PackageException("unreadable package " + file + ": " + ex.getMessage(), ex);
    }
  }

  /**
   * The key a package says it is signed with, unchecked: for showing an operator which key to
   * trust. Use {@link #read} to verify.
   */
  public static PackageSignature signer(Path file) {
    PackageReader r = new PackageReader(TrustedKeys.NONE);
    try (ZipFile zip = r.open(file)) {
      return PackageSignature.parse(bytes(zip, r.entries(zip).signature, PackageLimits.MAX_SIGNATURE_BYTES));
    } catch (IllegalArgumentException ex) {
      throw new PackageException("package refused: malformed ZIP (" + ex.getMessage() + ")", ex);
    } catch (IOException ex) {
      throw new PackageException("unreadable package " + file + ": " + ex.getMessage(), ex);
    }
  }

  private record Entries(ZipEntry manifest, ZipEntry signature, Map<String, ZipEntry> payload) {}

  private ZipFile open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new PackageException("no such package file: " + file);
    }
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new PackageException("not a package: " + file + " is not a valid ZIP file (" + e.getMessage() + ")", e);
    }
  }

  private Entries entries(ZipFile zip) {
    ZipEntry manifest = null;
    ZipEntry signature = null;
    Map<String, ZipEntry> payload = new TreeMap<>();
    Set<String> names = new HashSet<>();
    int count = 0;
    Enumeration<? extends ZipEntry> en = zip.entries();
    while (en.hasMoreElements()) {
      ZipEntry entry = en.nextElement();
      if (++count > limits.maxEntries()) {
        throw new PackageException("package refused: more than " + limits.maxEntries() + " entries");
      }
      String name = entry.getName();
      String problem = entry.isDirectory() ? "directory entries are not allowed" : PackagePaths.problem(name);
      if (problem != null) {
        throw new PackageException("package refused: entry '" + Names.printable(name) + "': " + problem);
      }
      if (!names.add(name)) {
        throw new PackageException("package refused: entry '" + Names.printable(name) + "' appears twice");
      }
      if (name.equals(PackageLayout.MANIFEST)) {
        manifest = entry;
      } else if (name.equals(PackageLayout.SIGNATURE)) {
        signature = entry;
      } else if (name.startsWith(PackageLayout.PAYLOAD)) {
        payload.put(name.substring(PackageLayout.PAYLOAD.length()), entry);
      } else {
        throw new PackageException("package refused: unexpected entry '" + Names.printable(name)
            + "' (a package holds manifest.xml, signature.txt and payload/...)");
      }
    }
    if (manifest == null) {
      throw new PackageException("package refused: no " + PackageLayout.MANIFEST);
    }
    if (signature == null) {
      throw new PackageException("package refused: not signed (no " + PackageLayout.SIGNATURE + ")");
    }
    return new Entries(manifest, signature, payload);
  }

  private void checkPayload(ZipFile zip, Map<String, ZipEntry> payload, Manifest m) throws IOException {
    if (m.payloadBytes() > limits.maxPayloadBytes()) {
      throw new PackageException("package refused: " + m.payloadBytes() + " bytes of payload, over the "
          + limits.maxPayloadBytes() + "-byte limit");
    }
    for (String path : payload.keySet()) {
      if (m.file(path) == null) {
        throw new PackageException("package refused: entry '" + PackageLayout.PAYLOAD + Names.printable(path)
            + "' is not listed in the manifest");
      }
    }
    for (PayloadFile f : m.files()) {
      ZipEntry entry = payload.get(f.path());
      if (entry == null) {
        throw new PackageException("package refused: payload file '" + f.path() + "' listed in the manifest is missing");
      }
      if (entry.getSize() >= 0 && entry.getSize() != f.size()) {
        throw new PackageException("package refused: payload file '" + f.path() + "' has " + entry.getSize()
            + " bytes, its manifest lists " + f.size());
      }
      try (PayloadStream in = new PayloadStream(zip.getInputStream(entry), f)) {
        in.drain();
      } catch (PackageException ex) {
        throw new PackageException("package refused: " + ex.getMessage(), ex);
      }
    }
  }

  /** An entry's bytes, refusing more than {@code max} however large it claims to be. */
  private static byte[] bytes(ZipFile zip, ZipEntry entry, int max) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        throw new PackageException("package refused: " + entry.getName() + " is over its " + max + "-byte limit");
      }
      return b;
    }
  }
}
