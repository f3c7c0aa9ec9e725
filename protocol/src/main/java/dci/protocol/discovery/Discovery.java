package dci.protocol.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Reply of {@code POST /api/discover}: how many addresses were probed, how many had the port open, and those. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Discovery(int probed, int open, int port, List<Found> found) {}
