package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.DciSerializable;
import java.time.Instant;

/**
 * A threshold rule every blade applies to its own samples, replicated to all blades.
 *
 * @param name the rule's name
 * @param metric what it watches ({@code cpu}, {@code memory}, {@code swap}, {@code disk},
 *     {@code temperature}, {@code probe-ms}, {@code disk-errors})
 * @param test {@code over}, {@code under} or {@code rising}
 * @param limit the value the metric must be over or under ({@code rising}: ignored)
 * @param forSamples how many consecutive samples must pass the test before the alert is raised
 *     (and fail it before it is cleared)
 * @param webhook a URL each raised and cleared alert is POSTed to as JSON (null: none)
 * @param command a command run on the blade for each raised and cleared alert, the alert as JSON
 *     on its standard input (null: none)
 * @param setBy who set the rule
 * @param setAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRule(String name, String metric, String test, double limit, int forSamples, String webhook,
    String command, String setBy, Instant setAt) implements DciSerializable {}
