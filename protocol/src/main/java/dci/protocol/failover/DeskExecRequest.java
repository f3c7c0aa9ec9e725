package dci.protocol.failover;

import java.util.List;

/**
 * Body of {@code POST /api/desk/USER/exec}: the command and its arguments, text for its standard
 * input, and the longest it may run ({@code stdin} and {@code timeoutSeconds} may be left out: none,
 * and the blade's default).
 */
public record DeskExecRequest(List<String> argv, String stdin, Long timeoutSeconds) {}
