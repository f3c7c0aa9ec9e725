package dci.storage.vnas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a stripe's replicas go: weighted rendezvous hashing over the live store blades.
 * Each blade scores {@code -weight / ln(u)}, {@code u} a uniform number drawn from
 * SHA-256(stripe id, blade name); the highest scores win. It needs no coordination (every
 * blade computes the same answer from the same membership), moves only about 1/n of the
 * stripes when a blade joins or leaves, and gives each blade a share proportional to its
 * weight (the bytes it contributes). Replicas go to different data centers first.
 */
public final class Placement {

  /** A blade that may hold stripes. */
  public record Candidate(String blade, String dataCenter, double weight) {}

  private Placement() {}

  /** All candidates, best first, data centers spread over the first places. */
  public static List<String> rank(String stripe, List<Candidate> candidates) {
    List<Candidate> byScore = new ArrayList<>(candidates);
    byScore.sort(Comparator.comparingDouble((Candidate c) -> -score(stripe, c)).thenComparing(Candidate::blade));
    LinkedHashSet<String> order = new LinkedHashSet<>();
    Set<String> dcs = new HashSet<>();
    for (Candidate c : byScore) {
      if (dcs.add(c.dataCenter())) {
        order.add(c.blade());
      }
    }
    byScore.forEach(c -> order.add(c.blade()));
    return List.copyOf(order);
  }

  /** The first {@code r} of {@link #rank}. */
  public static List<String> choose(String stripe, List<Candidate> candidates, int r) {
    List<String> all = rank(stripe, candidates);
    return all.subList(0, Math.min(r, all.size()));
  }

  static double score(String stripe, Candidate c) {
    if (c.weight() <= 0) {
      return 0;
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(stripe.getBytes(StandardCharsets.US_ASCII));
      md.update((byte) 0);
      md.update(c.blade().getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(md.digest()).getLong() >>> 11; // 53 random bits
      double u = (bits + 0.5) / (double) (1L << 53); // in (0, 1)
      return -c.weight() / Math.log(u);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
