package dci.protocol.aims;

/**
 * What {@code dci aims scan} sends ({@code POST /api/aims/scan}).
 *
 * @param on the blades whose desk homes to scan: all, B1,B2 or role:R (null: none)
 * @param vnas a VNAS folder to scan again, every file under it (null: none); the blade asked does it
 */
public record ScanRequest(String on, String vnas) {}
