package dci.protocol.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Every error the API returns: the HTTP status again and one clear sentence. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(int status, String error) {}
