package dci.actors.log;

import dci.protocol.DciSerializable;
import java.util.List;

/**
 * The message log's event: the lines of one write, in order, as journaled (serialized with
 * jackson-cbor through {@link DciSerializable}). One event per write rather than per line keeps
 * the journal to one row per batch, which is what lets a busy blade log every envelope.
 *
 * @param entries the logged lines, their {@code seq} consecutive
 */
public record Logged(List<LogEntry> entries) implements DciSerializable {
  public Logged {
    entries = List.copyOf(entries);
  }
}
