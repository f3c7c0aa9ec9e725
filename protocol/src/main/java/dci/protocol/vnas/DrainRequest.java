package dci.protocol.vnas;

/** Body of {@code POST /api/vnas/drain}: start draining {@code blade}, or stop ({@code stop: true}). */
public record DrainRequest(String blade, Boolean stop) {}
