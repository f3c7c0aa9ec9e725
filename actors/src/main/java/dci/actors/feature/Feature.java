package dci.actors.feature;

import dci.actors.peerlet.PeerletType;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One capability of a blade (messaging, the VNAS, backup, fail-over, packages, …): it starts
 * from what the kernel gives it ({@link FeatureContext}) and offers its routes, peerlets and
 * services ({@link Offer}). A blade is the kernel plus a list of features; the API is the
 * concatenation of what they offer. Adding a feature adds its package and one line to that
 * list, and touches no other feature.
 *
 * <p>{@link #start} must not block: spawn actors with {@link FeatureContext#spawn}, run file
 * work on {@link FeatureContext#io}, and complete the offer when the feature is ready to serve.
 */
public interface Feature {

  /** A short name for logs and errors ({@code vnas}, {@code backup}). */
  String name();

  /** Starts the feature on a blade; the stage completes with what it offers. */
  CompletionStage<Offer> start(FeatureContext context);

  /**
   * The keys of the feature's replicated data that outlive a restart (Distributed Data durable
   * keys, {@code *} wildcards allowed). Read before the blade's ActorSystem starts.
   */
  default List<String> durableKeys() {
    return List.of();
  }

  /**
   * Cluster roles the blade carries for this feature under {@code config} (named {@code dci-…},
   * so the directory does not list them as an operator's), e.g. for a cluster singleton that
   * must run only where the feature does. Read before the blade's ActorSystem starts.
   */
  default List<String> clusterRoles(com.typesafe.config.Config config) {
    return List.of();
  }

  /**
   * Peerlet types that need nothing from a running blade, registered before the blade starts
   * (so an envelope that arrives early finds them). Types that do need the blade come in the
   * {@link Offer}.
   */
  default List<PeerletType> peerlets() {
    return List.of();
  }
}
