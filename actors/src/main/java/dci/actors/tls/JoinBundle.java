package dci.actors.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a new blade needs to join: the cluster CA's certificate and the blade's own key and
 * certificate, in one PEM text file (mode 600: it holds a private key). Made by
 * {@code dci cert issue}, taken by {@code dci node --join FILE}.
 */
public final class JoinBundle {
  private static final int MAX_BYTES = 64 * 1024;

  private JoinBundle() {}

  /** The bundle's text. */
  public static String text(BladeCredentials c) {
    return "# DCI join bundle for blade " + c.blade() + "\n"
        + "# cluster CA SHA-256 " + Keys.fingerprint(c.ca()) + "\n"
        + "# Give it to the new blade: dci node --name " + c.blade() + " ... --join FILE\n"
        + "# It holds the blade's private key: keep it secret, delete it once the blade has joined.\n"
        + "blade: " + c.blade() + "\n"
        + Pem.of(c.ca()) + Pem.of(c.certificate()) + Pem.of(c.key());
  }

  /** Writes the bundle to {@code file}, mode 600. */
  public static void write(Path file, BladeCredentials c) throws IOException {
    dci.hardware.SecretFile.write(file, text(c).strip());
  }

  /** Parses a bundle, checking that its parts fit together; refuses anything else clearly. */
  public static BladeCredentials parse(String text) {
    if (text.length() > MAX_BYTES) {
      throw new IllegalArgumentException("not a join bundle: over " + MAX_BYTES + " bytes");
    }
    String blade = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("blade: ")) {
        blade = line.substring(7).strip();
        break;
      }
    }
    if (blade == null) {
      throw new IllegalArgumentException("not a join bundle: no 'blade:' line");
    }
    List<X509Certificate> certs = Pem.certificates(text);
    X509Certificate ca = certs.stream().filter(c -> c.getBasicConstraints() >= 0).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a join bundle: no CA certificate"));
    X509Certificate own = certs.stream().filter(c -> c.getBasicConstraints() < 0).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a join bundle: no blade certificate"));
    return new BladeCredentials(blade, Pem.privateKey(text), own, ca);
  }

  /** Reads and parses a bundle file. */
  public static BladeCredentials read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + " is not a join bundle: over " + MAX_BYTES + " bytes");
      }
      return parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the join bundle " + file + ": " + e.getMessage(), e);
    }
  }
}
