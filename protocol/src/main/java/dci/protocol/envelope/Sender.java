package dci.protocol.envelope;

import dci.protocol.DciSerializable;

/**
 * Who sent an envelope: the blade, and the peerlet (app type and instance) on it, if any.
 *
 * @param blade sending blade's name
 * @param appType sending peerlet's app type, null for an operator or the runtime
 * @param instance sending peerlet instance GUID, null if none
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Sender(String blade, String appType, String instance) implements DciSerializable {}
