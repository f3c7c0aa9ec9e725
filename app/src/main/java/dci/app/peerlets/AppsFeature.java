package dci.app.peerlets;

import dci.actors.directory.Directory;
import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.actors.peerlet.PeerletType;
import dci.app.confine.Confinement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.LoggerFactory;

/**
 * The applications every blade ships with: {@code chat} and {@code whiteboard} (the seed's
 * collaborative sessions) and {@code exec} (existing programs, operators only, confined; its
 * payloads are hidden from viewers in the log).
 */
public final class AppsFeature implements Feature {

  @Override
  public String name() {
    return "apps";
  }

  @Override
  public List<PeerletType> peerlets() {
    return List.of(ChatPeerlet.type(), WhiteboardPeerlet.type(), ExecPeerlet.type());
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    warnIfUnconfined(c);
    return CompletableFuture.completedFuture(Offer.builder()
        .hiddenFromViewers(ExecPeerlet.APP)
        .build());
  }

  /** Publishes a warning ({@code dci status} shows it) when exec and desks run unconfined. */
  private static void warnIfUnconfined(FeatureContext c) {
    CompletableFuture.supplyAsync(() -> Confinement.of(c.config()).warning(), c.io()).thenAccept(w -> {
      if (w != null) {
        LoggerFactory.getLogger(AppsFeature.class).warn("blade {}: {}", c.blade(), w);
        c.parts().directory().tell(new Directory.Warn(List.of(w)));
      }
    });
  }
}
