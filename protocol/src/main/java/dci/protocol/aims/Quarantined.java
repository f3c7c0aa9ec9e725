package dci.protocol.aims;

import java.time.Instant;

/**
 * A file the scanner found infected and moved out of reach.
 *
 * @param blade the blade holding the quarantined copy
 * @param path where it was (a VNAS path, or a home's)
 * @param signature what ClamAV named it
 * @param size its bytes
 * @param at when it was quarantined
 * @param id the quarantined copy's name under the blade's quarantine folder
 */
public record Quarantined(String blade, String path, String signature, long size, Instant at, String id) {}
