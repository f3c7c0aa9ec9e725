package dci.protocol.vnas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One blade's keeper pass in the reply of {@code POST /api/vnas/keeper} (an array of them, by
 * blade); {@code refusedFull}: copies a blade refused for want of room (it is then passed over).
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeeperPass(String blade, int stripes, int copied, int refetched, int dropped, int forgotten,
    int underReplicated, int unavailable, int refusedFull) {}
