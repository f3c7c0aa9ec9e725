package dci.actors.log;

import dci.protocol.DciSerializable;

/**
 * The message log's event: one line, as journaled (serialized with jackson-cbor through
 * {@link DciSerializable}). Its {@code entry.seq} equals the event's sequence number.
 *
 * @param entry the logged line
 */
public record Logged(LogEntry entry) implements DciSerializable {}
