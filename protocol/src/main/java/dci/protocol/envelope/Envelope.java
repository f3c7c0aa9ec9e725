package dci.protocol.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dci.protocol.DciSerializable;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The portable message of DCI: metadata that routes it, and a payload tree (XML or JSON)
 * typed by its app type. An envelope as it arrives may leave out what the receiving blade
 * fills in (id, sender, created, TTL): see {@link #completed}.
 *
 * @param id unique id
 * @param appType the application (peerlet type) it is for, e.g. {@code chat}
 * @param instance the peerlet instance GUID; null for the app's default instance
 * @param sender who sent it
 * @param to where it goes
 * @param ttl hops it may still make between blades (clamped to 9)
 * @param hops relays so far
 * @param created when it was first sent
 * @param correlationId for a reply, the id of the envelope it answers
 * @param replayOf for a replay, the id of the logged envelope it repeats
 * @param payload the app-specific tree
 */
@JacksonXmlRootElement(localName = "envelope")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
    UUID id,
    String appType,
    String instance,
    Sender sender,
    Recipients to,
    Integer ttl,
    Integer hops,
    Instant created,
    UUID correlationId,
    UUID replayOf,
    JsonNode payload)
    implements DciSerializable {

  /** App type of replies bound for an operator's API call rather than a peerlet. */
  public static final String API_APP = "api";

  /** TTL of an envelope that gives none. */
  public static final int DEFAULT_TTL = 4;
  /** Highest TTL: a larger one is reset to this (the seed's rule against flooding). */
  public static final int MAX_TTL = 9;

  private static final Pattern APP_TYPE = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Checks the envelope and fills in what the entering blade supplies: a fresh id, the
   * sender, the time, the default TTL. Clamps the TTL to {@link #MAX_TTL}; refuses a
   * negative TTL, a missing or malformed app type or instance, or missing recipients.
   */
  public Envelope completed(Sender defaultSender, Instant now) {
    if (appType == null || !APP_TYPE.matcher(appType).matches()) {
      throw new EnvelopeException("appType missing or invalid: lower-case letters, digits, '.', '_' or '-', "
          + "at most 64, starting with a letter");
    }
    if (instance != null && !INSTANCE.matcher(instance).matches()) {
      throw new EnvelopeException("instance invalid: letters, digits, '.', '_' or '-', at most 64");
    }
    if (ttl != null && ttl < 0) {
      throw new EnvelopeException("ttl " + ttl + " is negative");
    }
    if (hops != null && hops < 0) {
      throw new EnvelopeException("hops " + hops + " is negative");
    }
    Recipients r = to == null ? Recipients.any() : to;
    if (r.mode() == null) {
      throw new EnvelopeException("to.mode missing: BLADE, MULTICAST, ALL, ANY or ROLE");
    }
    if (r.mode() == Recipients.Mode.BLADE && r.blades().size() != 1) {
      throw new EnvelopeException("to.mode BLADE needs exactly one blade");
    }
    if (r.mode() == Recipients.Mode.MULTICAST && r.blades().isEmpty()) {
      throw new EnvelopeException("to.mode MULTICAST needs at least one blade");
    }
    if (r.mode() == Recipients.Mode.ROLE && (r.role() == null || r.role().isBlank())) {
      throw new EnvelopeException("to.mode ROLE needs a role");
    }
    int t = ttl == null ? DEFAULT_TTL : Math.min(ttl, MAX_TTL);
    return new Envelope(
        id == null ? UUID.randomUUID() : id,
        appType,
        instance,
        sender == null ? defaultSender : sender,
        r,
        t,
        hops == null ? 0 : hops,
        created == null ? now : created,
        correlationId,
        replayOf,
        payload);
  }

  /** The envelope one relay later: one hop more, one TTL less. */
  public Envelope relayed() {
    return new Envelope(id, appType, instance, sender, to, ttl - 1, hops + 1, created, correlationId, replayOf, payload);
  }

  /** True when the TTL is used up: it may not be relayed again. */
  public boolean expired() {
    return ttl != null && ttl <= 0;
  }
}
