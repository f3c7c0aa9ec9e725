package dci.protocol;

/**
 * Marker for every record that crosses a node boundary. Bound to Pekko's Jackson CBOR
 * serializer in dci-actors' {@code reference.conf}; Java serialization stays off.
 */
public interface DciSerializable {}
