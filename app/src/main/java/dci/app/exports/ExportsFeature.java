package dci.app.exports;

import dci.actors.feature.Feature;
import dci.actors.feature.FeatureContext;
import dci.actors.feature.Offer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * Exported folders and their files, the blades' part of the shell's virtual tree
 * ({@code /blades/BLADE/EXPORT/...}): each blade keeps the folders it exports and serves their
 * files under {@code /api/fs}, confined to them; any blade passes a request for another blade's
 * files on to it. Copies between blades and the VNAS stream blade to blade.
 */
public final class ExportsFeature extends AllDirectives implements Feature {
  @Override
  public String name() {
    return "exports";
  }

  @Override
  public CompletionStage<Offer> start(FeatureContext c) {
    ExportBook book = new ExportBook(c.blade(), c.parts().settings().dataDir());
    Forward forward = new Forward(c);
    ExportPaths paths = new ExportPaths(book);
    return CompletableFuture.supplyAsync(() -> {
      book.all(); // read (and checked) before the routes serve
      return Offer.builder().api(concat(new ExportRoutes(c, forward, book).routes(),
          new FsRoutes(c, forward, paths).routes())).build();
    }, c.io());
  }
}
