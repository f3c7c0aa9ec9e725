package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.DciSerializable;
import java.time.Instant;

/**
 * An alert in force, replicated to every blade until it clears.
 *
 * @param rule the rule that raised it ({@code infection} for the virus scanner)
 * @param blade the blade it is about
 * @param metric the metric (or {@code file} for an infection)
 * @param value the value that raised it
 * @param message one line for people
 * @param raisedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Alert(String rule, String blade, String metric, double value, String message, Instant raisedAt)
    implements DciSerializable {

  /** The alert's key in the replicated map: one per rule and blade (and file, for infections). */
  public static String key(String rule, String blade, String subject) {
    return rule + "|" + blade + (subject == null ? "" : "|" + subject);
  }
}
