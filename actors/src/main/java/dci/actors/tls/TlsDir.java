package dci.actors.tls;

import dci.hardware.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A blade's TLS files, {@code DATA/tls}: {@code ca.crt} (the cluster CA), {@code blade.crt} and
 * {@code blade.key} (the blade's own), {@code ca.key} on the blade that formed the cluster only,
 * and {@code revoked} (serials of revoked blade certificates, one per line). Keys are mode 600,
 * the directory 700.
 */
public record TlsDir(Path path) {

  public static TlsDir of(Path dataDir) {
    return new TlsDir(dataDir.resolve("tls"));
  }

  public Path caCert() {
    return path.resolve("ca.crt");
  }

  public Path caKey() {
    return path.resolve("ca.key");
  }

  public Path bladeCert() {
    return path.resolve("blade.crt");
  }

  public Path bladeKey() {
    return path.resolve("blade.key");
  }

  public Path revoked() {
    return path.resolve("revoked");
  }

  /** True when this blade has its credentials (joined or formed before). */
  public boolean hasCredentials() {
    return Files.isRegularFile(bladeCert()) && Files.isRegularFile(bladeKey()) && Files.isRegularFile(caCert());
  }

  /** True when this blade holds the cluster CA's key. */
  public boolean holdsCa() {
    return Files.isRegularFile(caKey());
  }

  /** Reads this blade's credentials, checking that they fit together. */
  public BladeCredentials credentials(String blade) {
    try {
      List<java.security.cert.X509Certificate> ca = Pem.certificates(Files.readString(caCert()));
      List<java.security.cert.X509Certificate> own = Pem.certificates(Files.readString(bladeCert()));
      if (ca.isEmpty() || own.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + (ca.isEmpty() ? caCert() : bladeCert()));
      }
      return new BladeCredentials(blade, Pem.privateKey(Files.readString(bladeKey())), own.get(0), ca.get(0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the TLS files in " + path + " are not usable: " + e.getMessage(), e);
    }
  }

  /** Reads the cluster CA (certificate and key); only on the blade that holds it. */
  public ClusterCa ca() {
    try {
      return new ClusterCa(Pem.certificates(Files.readString(caCert())).get(0),
          Pem.privateKey(Files.readString(caKey())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cluster CA in " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes the CA's certificate and key (mode 600). */
  public void writeCa(ClusterCa ca) {
    try {
      makeDir();
      SecretFile.write(caKey(), Pem.of(ca.key()).strip());
      writePublic(caCert(), Pem.of(ca.certificate()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cluster CA to " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes a blade's credentials (the key mode 600), replacing any earlier ones. */
  public void writeCredentials(BladeCredentials c) {
    try {
      makeDir();
      SecretFile.write(bladeKey(), Pem.of(c.key()).strip());
      writePublic(bladeCert(), Pem.of(c.certificate()));
      writePublic(caCert(), Pem.of(c.ca()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the TLS files to " + path + ": " + e.getMessage(), e);
    }
  }

  /** The revoked serials this blade knows (lower-case hex); empty when none. */
  public java.util.Set<String> readRevoked() {
    try {
      if (!Files.isRegularFile(revoked())) {
        return java.util.Set.of();
      }
      return Files.readAllLines(revoked()).stream().map(String::strip).filter(s -> s.matches("[0-9a-f]{1,64}"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + revoked() + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the revoked serials. */
  public void writeRevoked(java.util.Collection<String> serials) throws IOException {
    makeDir();
    Path tmp = path.resolve(".revoked.tmp");
    Files.writeString(tmp, serials.stream().sorted().map(s -> s + "\n").reduce("", String::concat),
        StandardCharsets.US_ASCII);
    Files.move(tmp, revoked(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private void makeDir() throws IOException {
    if (!Files.isDirectory(path)) {
      Files.createDirectories(path.getParent());
      Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }

  private static void writePublic(Path target, String text) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
