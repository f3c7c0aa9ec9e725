package dci.app.moves;

import dci.actors.feature.Feature;
import dci.actors.log.Journal;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import dci.app.failover.Body;
import dci.storage.backup.Backup;
import java.util.concurrent.CompletionStage;

/**
 * The move manager (Fig. 18–21): users' homes, settings and desk ports moved between blades
 * one-to-one, down a cascade (the home streamed from source to target) or as a swap (with the
 * peer-backup machinery: the sources backed up, each home restored from there), each copy into a
 * temporary folder on the target, then the port switched, the copy put in place and the old home
 * removed, the desks held meanwhile. Moves are event sourced on their
 * coordinator's journal and resume after it restarts. Serves {@code /api/moves}. Needs backup
 * and fail-over (its desks and port switch).
 */
public final class MovesFeature implements Feature {
  @Override
  public String name() {
    return "moves";
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    Backup backup = c.services().require(Backup.class, name());
    Body body = c.services().require(Body.class, name());
    MoveContext mx = new MoveContext(c.blade(), c.parts().settings().dataDir(), MovesSettings.from(c.config()),
        body.portSwitch(), body.holds(), backup, c.parts().router(), c.io(), c.parts().log(), c.peers(),
        c.parts().directory());
    // the moves are event sourced: their journal's tables must exist before the book recovers
    return Journal.ready(c.system()).thenCompose(v -> c.spawn(Moves.create(mx), "moves")).thenApply(agent -> Offer.builder()
        .api(new MovesRoutes(c, mx, agent).routes())
        .root(new MoveHomeRoutes(c, mx).routes())
        .build());
  }
}
