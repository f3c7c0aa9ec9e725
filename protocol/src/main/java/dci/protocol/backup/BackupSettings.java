package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A blade's backup settings as the API shows them ({@code root} null: the blade's user area;
 * {@code schedule} null: on demand only; {@code method}: snapshot, delta or mirror).
 */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupSettings(String root, List<String> excludeDirs, List<String> excludeExts, int replicas,
    int remote, List<String> peers, String method, String schedule, Aging aging) {

  /** Which archives aging keeps (a field left null: no such rule; all null: keep all). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Aging(String keepWithin, Integer keepLast, Integer keepDaily, Integer keepWeekly) {}
}
