package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One step of a package's install, upgrade or uninstall as a blade reports it.
 *
 * @param index its place in its list, from 1
 * @param status ok, failed or skipped (lower case)
 * @param output what it printed (shortened, but for the failing step)
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstallStep(int index, String kind, String description, String status, String output,
    long durationMs) {}
