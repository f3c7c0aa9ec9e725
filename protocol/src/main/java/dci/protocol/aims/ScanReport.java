package dci.protocol.aims;

import java.util.List;

/**
 * One blade's part of a scan.
 *
 * @param blade the blade
 * @param what {@code homes} (its desk homes, scanned now) or {@code vnas PATH} (files queued for its scanner)
 * @param queued VNAS files queued (scanned in the background; infections become alerts)
 * @param infected what the homes scan quarantined
 * @param error why the blade could not scan
 */
public record ScanReport(String blade, String what, int queued, List<Quarantined> infected, String error) {
  public ScanReport {
    infected = infected == null ? List.of() : List.copyOf(infected);
  }
}
