package dci.protocol.failover;

/**
 * Body of {@code POST /api/faults}: inject {@code fault}, written {@code KIND[=VALUE]}
 * (disk-errors=RATE, temperature=C, slow-disk=MS, cpu-load=FRACTION, power-off, cage-power-off), into {@code blade}'s body.
 */
public record FaultRequest(String blade, String fault) {}
