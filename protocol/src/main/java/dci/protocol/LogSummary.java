package dci.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A blade's message log at a glance, for {@code dci status}: how long it keeps lines and how
 * many it holds now.
 *
 * @param keep the retention setting ({@code dci.log.keep}), e.g. {@code "age 1h, count 1000000"},
 *     or {@code "off"} (kept for ever)
 * @param lines lines in the log now (after retention), -1 while unknown
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogSummary(String keep, long lines) implements DciSerializable {}
