package dci.protocol.vnas;

/** Reply of {@code DELETE /api/vnas/rules?path=P}: the folder whose cluster rule is gone. */
public record RuleRemoved(String removed) {}
