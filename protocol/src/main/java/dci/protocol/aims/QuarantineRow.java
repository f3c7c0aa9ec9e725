package dci.protocol.aims;

import java.util.List;

/** One blade's answer to {@code GET /api/aims/quarantine}: what it holds in quarantine, or why it did not answer. */
public record QuarantineRow(String blade, List<Quarantined> files, String error) {
  public QuarantineRow {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
