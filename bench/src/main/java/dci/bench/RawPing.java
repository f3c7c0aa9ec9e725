package dci.bench;

import dci.protocol.DciSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/** A plain Artery message of the same payload size as an envelope, for the raw baseline. */
public record RawPing(String data, ActorRef<RawPong> replyTo) implements DciSerializable {}
