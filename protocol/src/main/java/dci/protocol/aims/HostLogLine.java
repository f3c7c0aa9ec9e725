package dci.protocol.aims;

import java.time.Instant;

/**
 * A line of a blade's system log.
 *
 * @param blade the blade it was read on
 * @param at when it was logged
 * @param unit the systemd unit or syslog tag that wrote it (null where unknown)
 * @param text the message
 */
public record HostLogLine(String blade, Instant at, String unit, String text) {}
