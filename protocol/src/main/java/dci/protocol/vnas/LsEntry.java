package dci.protocol.vnas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One entry of {@code GET /api/vnas/ls} (the reply is an array of them); times in epoch milliseconds. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record LsEntry(String name, String path, boolean collection, long size, long version, long modified) {}
