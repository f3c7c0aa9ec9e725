package dci.app.node;

import com.typesafe.config.Config;
import dci.actors.BladeSettings;
import dci.actors.feature.Feature;
import dci.actors.peerlet.PeerletRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * How a blade is to start, said step by step before {@link #start()}:
 * {@code BladeNode.with(settings, base).peerlets(r).adminPasswordFile(p).start()}. What is not
 * said takes its default: the kernel's peerlets ({@code echo}), no admin bootstrap, the system
 * clock, every feature of {@link BladeFeatures#all()}.
 */
public final class BladeLaunch {
  private final BladeSettings settings;
  private final Config base;
  private PeerletRegistry peerlets = BladeNode.defaultRegistry();
  private Path adminPasswordFile;
  private Clock clock = Clock.systemDefaultZone();
  private List<Feature> features;

  BladeLaunch(BladeSettings settings, Config base) {
    this.settings = settings;
    this.base = base;
  }

  /** The peerlet types the blade runs besides its features'. */
  public BladeLaunch peerlets(PeerletRegistry registry) {
    this.peerlets = registry;
    return this;
  }

  /**
   * If the blade forms a new cluster, the admin user is created (its password written to
   * {@code file}) before the API answers, so a client that sees the API up finds the file.
   */
  public BladeLaunch adminPasswordFile(Path file) {
    this.adminPasswordFile = file;
    return this;
  }

  /** The clock deciding when backup schedules fire (tests pass their own). */
  public BladeLaunch clock(Clock c) {
    this.clock = c;
    return this;
  }

  /** The features the blade is made of, in that order. */
  public BladeLaunch features(List<Feature> list) {
    this.features = list;
    return this;
  }

  /** Starts the blade and its API; returns once the API listens (see {@link BladeStart}). */
  public BladeNode start() {
    return BladeStart.start(settings, base, peerlets, adminPasswordFile, clock,
        features != null ? features : BladeFeatures.all());
  }
}
