package dci.protocol.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply of {@code GET} and {@code PUT /api/backup/config}: a blade and its settings. */
// read by the CLI: an older CLI keeps working with a blade that adds a field
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigView(String blade, BackupSettings config) {}
