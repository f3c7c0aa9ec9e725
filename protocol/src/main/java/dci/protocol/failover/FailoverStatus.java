package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Reply of {@code GET /api/failover/status}: the blade that answers, the coordinator (null while
 * none answers: one is starting), the blades suspected, the free spares and the fail-overs under way.
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailoverStatus(String blade, String coordinator, List<String> suspects, List<String> freeSpares,
    List<FailoverView> active) {}
