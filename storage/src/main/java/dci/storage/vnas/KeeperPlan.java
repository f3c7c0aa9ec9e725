package dci.storage.vnas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one blade's keeper should do in a pass, decided from its copy of the index and the
 * membership alone (pure, so it is tested without a cluster). Each blade acts only on
 * stripes it is responsible for: the first live holder (by name) copies a stripe to the
 * blades placement wants but that lack it; a blade drops its own copy when placement no
 * longer wants it there and every wanted blade has it; copies no file needs are dropped
 * after a grace period.
 *
 * @param copies stripes this blade must push to other blades (stripe id to target blades)
 * @param refetch stripes this blade should hold but does not (missing or corrupt)
 * @param drop stripes this blade should delete and unbind
 * @param forget stripes no file needs, to be removed from the location table
 * @param underReplicated referenced stripes with fewer than r live replicas
 * @param unavailable referenced stripes with no live replica at all
 */
public record KeeperPlan(Map<String, List<String>> copies, List<String> refetch, List<String> drop,
    List<String> forget, int underReplicated, int unavailable) {

  /** Everything the plan is computed from. */
  public record Inputs(String self, List<VnasEntry> entries, Map<String, Set<String>> holders,
      List<Placement.Candidate> candidates, Set<String> up, Set<String> local, Set<String> pinned,
      Set<String> staleLocal, Set<String> full, VnasSettings settings) {}

  public static KeeperPlan of(Inputs in) {
    Map<String, Integer> wantR = new HashMap<>();
    for (VnasEntry e : in.entries()) {
      if (e.collection()) {
        continue;
      }
      int r = in.settings().ruleFor(e.vnasPath()).replicas();
      e.stripes().forEach(s -> wantR.merge(s.hash(), r, Math::max));
    }
    Map<String, List<String>> copies = new HashMap<>();
    List<String> refetch = new ArrayList<>();
    List<String> drop = new ArrayList<>();
    List<String> forget = new ArrayList<>();
    int under = 0;
    int unavailable = 0;
    for (var e : wantR.entrySet()) {
      String hash = e.getKey();
      Set<String> h = in.holders().getOrDefault(hash, Set.of());
      TreeSet<String> liveH = new TreeSet<>(h);
      liveH.retainAll(in.up());
      List<String> desired = desired(hash, in, e.getValue(), liveH);
      if (liveH.size() < Math.min(e.getValue(), in.candidates().size())) {
        under++;
      }
      if (liveH.isEmpty()) {
        unavailable++;
        continue;
      }
      boolean heldHere = in.local().contains(hash);
      if (h.contains(in.self()) && !heldHere) {
        refetch.add(hash); // bound here but the file is gone: get it back from a replica
        continue;
      }
      List<String> missing = desired.stream().filter(d -> !liveH.contains(d)).toList();
      if (!missing.isEmpty()) {
        if (liveH.first().equals(in.self()) && heldHere) {
          copies.put(hash, missing);
        }
      } else if (heldHere && h.contains(in.self()) && !desired.contains(in.self()) && !in.pinned().contains(hash)) {
        drop.add(hash);
      }
    }
    for (String hash : in.staleLocal()) {
      if (!wantR.containsKey(hash) || !in.holders().getOrDefault(hash, Set.of()).contains(in.self())) {
        drop.add(hash);
      }
    }
    if (!in.up().isEmpty() && new TreeSet<>(in.up()).first().equals(in.self())) {
      for (var e : in.holders().entrySet()) {
        if (!wantR.containsKey(e.getKey()) && e.getValue().stream().noneMatch(in.up()::contains)) {
          forget.add(e.getKey());
        }
      }
    }
    return new KeeperPlan(copies, refetch, drop, forget, under, unavailable);
  }

  /**
   * The r blades that should hold {@code hash}: the first in placement rank that hold it already
   * or have room. A full blade is passed over, so the stripe's overflow copy on the next in rank
   * is where it belongs until the full blade has room again (then it moves back), instead of a
   * copy to the full blade being tried on every pass.
   */
  static List<String> desired(String hash, Inputs in, int r, Set<String> liveHolders) {
    List<String> out = new ArrayList<>(r);
    for (String b : Placement.rank(hash, in.candidates())) {
      if (out.size() == r) {
        break;
      }
      if (liveHolders.contains(b) || !in.full().contains(b)) {
        out.add(b);
      }
    }
    return out;
  }
}
