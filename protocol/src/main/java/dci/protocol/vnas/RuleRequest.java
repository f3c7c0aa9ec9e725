package dci.protocol.vnas;

/** Body of {@code PUT /api/vnas/rules}: the rule for the folder {@code path} (stripeSize optional). */
public record RuleRequest(String path, Integer replicas, Long stripeSize) {}
