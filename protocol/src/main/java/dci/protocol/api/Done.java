package dci.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply of the account changes (user added, removed, password changed, logged out): one sentence saying what was done. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record Done(String message) {}
