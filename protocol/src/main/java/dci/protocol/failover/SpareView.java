package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One spare (reply of {@code GET /api/spares}): a blade with role "spare" or marked in the pool.
 *
 * @param status the blade's membership status (Up, Down, ...)
 * @param mark "role" (a spare by its role), "added", "removed" or "in-service"
 * @param free whether it can replace a failed blade now
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpareView(String blade, String status, String mark, boolean free) {}
