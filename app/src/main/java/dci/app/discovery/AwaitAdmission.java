package dci.app.discovery;

import dci.actors.BladeSettings;
import dci.actors.tls.TlsDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code dci node --await-admission}: a node with no credentials and no seed waits, listening
 * on its cluster port ({@link AdmissionListener}), until {@code dci admit} on a cluster gives it
 * a certificate over its own key and the blades to join; then the node starts as a joining blade.
 * A node admitted before joins the seeds it kept.
 */
public final class AwaitAdmission {
  private AwaitAdmission() {}

  /** Blocks until admitted; the settings to start the blade with (the seeds given). */
  public static BladeSettings await(BladeSettings s, String code, PrintWriter out) {
    if (code != null && (code.isBlank() || code.length() > 256)) {
      throw new IllegalArgumentException("an admission code must be 1 to 256 characters");
    }
    try {
      if (TlsDir.of(s.dataDir()).hasCredentials()) {
        List<String> kept = AdmittedSeeds.read(s.dataDir());
        if (kept.isEmpty()) {
          throw new IllegalArgumentException(s.dataDir() + " holds a blade's credentials but no seeds it was given: "
              + "start it with --seed HOST:PORT instead of --await-admission");
        }
        out.printf("admitted before: joining %s%n", kept);
        out.flush();
        return withSeeds(s, kept);
      }
      CandidateKey key = CandidateKey.loadOrMake(s.dataDir(), s.name());
      List<String> seeds;
      try (AdmissionListener listener = new AdmissionListener(s, key, code)) {
        out.printf("awaiting admission: %s on %s:%d, key fingerprint %s%s%n", s.name(), s.host(), s.port(),
            key.fingerprint(), code == null ? "" : " (admission code required)");
        out.printf("  on the cluster: dci admit %s --port %d --fingerprint %s%s%n", s.host(), s.port(), key.fingerprint(),
            code == null ? "" : " --code CODE");
        out.flush();
        seeds = listener.admitted().join();
      }
      out.printf("admitted: joining %s%n", seeds);
      out.flush();
      return withSeeds(s, seeds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot await admission on " + s.host() + ":" + s.port() + ": " + e.getMessage(), e);
    }
  }

  private static BladeSettings withSeeds(BladeSettings s, List<String> seeds) {
    return new BladeSettings(s.name(), s.host(), s.port(), s.httpHost(), s.httpPort(), s.dataDir(), seeds,
        s.dataCenter(), s.roles());
  }
}
