package dci.protocol.failover;

/** Body of {@code PUT /api/ports/USER}: the blade (Up) the user's desk is routed to. */
public record AssignRequest(String blade) {}
