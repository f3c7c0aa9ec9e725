package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply of {@code POST /api/spares} and {@code DELETE /api/spares/BLADE}: the blade's new mark ("added", "removed"). */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpareMark(String blade, String mark) {}
