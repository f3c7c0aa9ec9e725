package dci.protocol.discovery;

import java.util.List;

/**
 * Body of {@code POST /api/discover}: the addresses to probe, a CIDR {@code range} (e.g.
 * {@code 10.0.0.0/24}) and/or {@code hosts} (addresses or names), on {@code port} (the cluster
 * port, 25520 when left out).
 */
public record DiscoverRequest(String range, List<String> hosts, Integer port) {}
