package dci.protocol.tls;

import java.util.List;

/**
 * Body of {@code POST /api/cert/issue} (a join bundle for {@code blade}, valid for {@code hosts}
 * besides loopback) and of {@code POST /api/cert/enrol} (same-machine enrolment: {@code secret}
 * is the offered one, hosts are ignored).
 */
public record IssueRequest(String blade, List<String> hosts, String secret) {}
