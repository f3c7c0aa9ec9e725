package dci.protocol.aims;

/**
 * What {@code dci aims service ACTION NAME --on B} sends ({@code POST /api/aims/services}).
 *
 * @param action start, stop, restart, enable, disable or status
 * @param name a systemd unit, an init script, or an installed DCI package with services
 * @param on the blades: all, B1,B2 or role:R
 */
public record ServiceRequest(String action, String name, String on) {}
