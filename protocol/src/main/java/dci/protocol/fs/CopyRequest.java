package dci.protocol.fs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /api/fs/copy}: copy one file between the exports of blades and the VNAS, done by
 * the blades (the target blade pulls from the source; a file for the VNAS is put there by the
 * blade that holds it), never through the caller's machine.
 *
 * @param fromBlade the blade holding the source, null for the VNAS
 * @param from {@code /EXPORT/path} on that blade, or the VNAS path
 * @param toBlade the blade to write to, null for the VNAS
 * @param to {@code /EXPORT/path} on that blade, or the VNAS path
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CopyRequest(String fromBlade, String from, String toBlade, String to) {}
