package dci.bench;

import dci.protocol.DciSerializable;

/** The raw echo's answer: the same payload back. */
public record RawPong(String data) implements DciSerializable {}
