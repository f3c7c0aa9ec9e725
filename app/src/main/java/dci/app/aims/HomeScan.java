package dci.app.aims;

import dci.protocol.aims.Alert;
import dci.protocol.aims.Quarantined;
import dci.protocol.aims.ScanReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the desks' homes on this blade ({@code DATA/home}) with ClamAV: each infected file is
 * moved into the blade's quarantine and raised as an alert. Blocking.
 */
final class HomeScan {
  private static final Logger LOG = LoggerFactory.getLogger(HomeScan.class);
  private final String blade;
  private final Path homes;
  private final ClamAv clam;
  private final Quarantine quarantine;
  private final Alerts alerts;
  private final Clock clock;

  HomeScan(String blade, Path homes, ClamAv clam, Quarantine quarantine, Alerts alerts, Clock clock) {
    this.blade = blade;
    this.homes = homes;
    this.clam = clam;
    this.quarantine = quarantine;
    this.alerts = alerts;
    this.clock = clock;
  }

  ScanReport run() {
    var why = clam.unavailable();
    if (why.isPresent()) {
      return new ScanReport(blade, "homes", 0, List.of(), why.get());
    }
    if (!Files.isDirectory(homes)) {
      return new ScanReport(blade, "homes", 0, List.of(), null);
    }
    List<Quarantined> out = new ArrayList<>();
    try {
      for (ClamAv.Found f : clam.scanTree(homes)) {
        String where = "home:" + homes.relativize(f.file());
        Quarantined q = quarantine.keep(f.file(), blade, where, f.signature(), clock.instant());
        LOG.warn("{}: {} is infected ({}): quarantined as {}", blade, where, f.signature(), q.id());
        alerts.raise(Alert.key("infection", blade, where), new Alert("infection", blade, "file", 1,
            blade + ": " + where + " infected (" + f.signature() + "): quarantined as " + q.id(), q.at()));
        out.add(q);
      }
    } catch (IOException | IllegalStateException e) {
      return new ScanReport(blade, "homes", 0, out, e.getMessage());
    }
    return new ScanReport(blade, "homes", 0, out, null);
  }
}
