package dci.protocol.failover;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Reply of {@code POST} and {@code DELETE /api/faults}: the blade's body after the change, its
 * cage (power domain), the faults in force and its latest reading (null before the first).
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record BodyView(String blade, String cage, List<String> faults, BodyReading reading) {}
