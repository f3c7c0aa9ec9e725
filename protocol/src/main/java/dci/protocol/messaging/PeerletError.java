package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The payload of a collaborative app's ({@code chat}, {@code whiteboard}) answer to an op it
 * refuses: why, in one sentence. The CLI reads any such app's reply as one to tell a refusal
 * ({@code error} given) from an answer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerletError(String error) {}
