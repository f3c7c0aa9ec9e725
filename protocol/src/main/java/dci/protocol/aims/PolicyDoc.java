package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.DciSerializable;
import java.time.Instant;

/**
 * The cluster's AIMS policy as the operator wrote it (YAML), replicated to every blade.
 *
 * @param yaml the policy's text, checked when it was set
 * @param setBy who set it
 * @param setAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyDoc(String yaml, String setBy, Instant setAt) implements DciSerializable {}
