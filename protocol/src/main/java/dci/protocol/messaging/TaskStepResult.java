package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One step's outcome in {@link TaskResult}.
 *
 * @param step the step's number, from 1
 * @param envelope the id of the envelope the step sent; null if it sent none
 * @param reply the reply's payload; null if none came
 * @param error why the step failed (no reply, undeliverable, the reply's error, a non-zero exit
 *     code); null when it succeeded
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStepResult(int step, String blade, String app, UUID envelope, boolean ok, JsonNode reply, String error) {}
