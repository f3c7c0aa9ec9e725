package dci.protocol.failover;

/** Body of {@code POST /api/failover/trigger}: the blade to fail over now, and why ({@code reason}, kept in the record, may be left out). */
public record TriggerRequest(String blade, String reason) {}
