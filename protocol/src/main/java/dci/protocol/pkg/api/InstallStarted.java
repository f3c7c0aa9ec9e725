package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reply (202) of {@code POST /api/install}, {@code /api/uninstall} and {@code /api/follow}: the
 * job to poll at {@code GET /api/install/jobs/ID}, and the envelope sent to each target blade.
 *
 * @param version the version being installed (null for uninstall and follow)
 * @param envelopes blade to the id of the envelope sent to it
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstallStarted(String job, String op, String name, String version, List<String> targets,
    Map<String, UUID> envelopes) {}
