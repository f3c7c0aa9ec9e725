package dci.actors.peerlet;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of state one peerlet instance keeps, against its budget
 * ({@code dci.peerlets.instance-budget}, given by {@link PeerletApi#budget()}). The peerlet asks
 * {@link #fits} before it keeps anything an envelope brings; when it does not fit it refuses the
 * envelope ({@link PeerletApi#refuse}) and changes nothing. State is counted as its JSON size.
 * Not thread-safe: it belongs to one instance's actor.
 */
public final class InstanceBudget {

  private final long limit;
  private long used;

  public InstanceBudget(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a budget is at least 1 byte");
    }
    this.limit = limit;
  }

  /** The size of {@code node} as JSON, counted without building the text; 0 for null. */
  public static long sizeOf(JsonNode node) {
    if (node == null) {
      return 0;
    }
    Counter c = new Counter();
    try {
      Json.mapper().writeValue(c, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a counter never fails to write
    }
    return c.count;
  }

  /** The size of {@code text} in UTF-8; 0 for null. */
  public static long sizeOf(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** True if keeping {@code adding} more bytes while letting go of {@code freeing} stays within the budget. */
  public boolean fits(long adding, long freeing) {
    return used - freeing + adding <= limit;
  }

  /** Counts {@code bytes} more kept. */
  public void take(long bytes) {
    used += bytes;
  }

  /** Counts {@code bytes} no longer kept. */
  public void give(long bytes) {
    used = Math.max(0, used - bytes);
  }

  public long used() {
    return used;
  }

  public long limit() {
    return limit;
  }

  /** Why an envelope that would keep {@code adding} more bytes (letting go of {@code freeing}) is refused. */
  public String refusal(PeerletApi api, long adding, long freeing) {
    return "state of " + api.appType() + "~" + api.instance() + " on " + api.blade() + " would grow to "
        + (used - freeing + adding) + " bytes, over its budget of " + limit + " (dci.peerlets.instance-budget)";
  }

  /** Counts what is written to it, keeps nothing. */
  private static final class Counter extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
