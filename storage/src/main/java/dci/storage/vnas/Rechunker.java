package dci.storage.vnas;

import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * Cuts a byte stream into stripes of exactly {@code size} bytes (the last one shorter),
 * holding at most one stripe plus one incoming chunk in memory: a 1 GiB upload never sits in
 * the heap, and back-pressure reaches the client's TCP connection.
 */
public final class Rechunker extends GraphStage<FlowShape<ByteString, ByteString>> {
  private final int size;
  private final Inlet<ByteString> in = Inlet.create("Rechunker.in");
  private final Outlet<ByteString> out = Outlet.create("Rechunker.out");
  private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);

  public Rechunker(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("stripe size must be positive");
    }
    this.size = size;
  }

  @Override
  public FlowShape<ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      private ByteString buffer = ByteString.emptyByteString();

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            buffer = buffer.concat(grab(in));
            if (buffer.size() >= size) {
              ByteString chunk = buffer.take(size).compact();
              buffer = buffer.drop(size);
              push(out, chunk);
            } else {
              pull(in);
            }
          }

          @Override
          public void onUpstreamFinish() {
            while (buffer.size() > 0) {
              ByteString chunk = buffer.take(size).compact();
              buffer = buffer.drop(size);
              emit(out, chunk);
            }
            complete(out); // after the pending emits

          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (buffer.size() >= size) {
              ByteString chunk = buffer.take(size).compact();
              buffer = buffer.drop(size);
              push(out, chunk);
            } else if (isClosed(in)) {
              if (buffer.size() > 0) {
                push(out, buffer.compact());
                buffer = ByteString.emptyByteString();
              }
              completeStage();
            } else {
              pull(in);
            }
          }
        });
      }
    };
  }
}
