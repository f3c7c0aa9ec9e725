package dci.app.aims;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code dci.aims}: see the comments in dci-app's {@code reference.conf}. */
record AimsSettings(String syslogListen, Path syslogSocket, long syslogKeep, List<Path> logFiles, boolean scanVnas,
    int scanQueue, long scanMaxBytes, Duration scanTimeout, Path systemSignatures, Duration askTimeout,
    int logLimit, Path procRoot, Duration patchStepTimeout, Duration patchHealthTimeout, Path initDir, Duration maintenanceTimeout,
    int memtestMaxMb, Duration scanEvery) {

  static AimsSettings from(Config root) {
    Config c = root.getConfig("dci.aims");
    return new AimsSettings(c.getString("syslog.listen"), Path.of(c.getString("syslog.socket")),
        c.getBytes("syslog.keep"), c.getStringList("log-files").stream().map(Path::of).toList(),
        c.getBoolean("scan.vnas"), c.getInt("scan.max-queue"), c.getBytes("scan.max-bytes"),
        c.getDuration("scan.timeout"), Path.of(c.getString("scan.system-signatures")), c.getDuration("ask-timeout"),
        c.getInt("logs.limit"), Path.of(c.getString("proc-root")), c.getDuration("patch.step-timeout"),
        c.getDuration("patch.health-timeout"), Path.of(c.getString("init-dir")),
        c.getDuration("maintenance.timeout"), (int) (c.getBytes("maintenance.memtest-max") >> 20),
        c.getDuration("scan.every"));
  }

  /** Whether the blade keeps the syslog socket when nothing else does. */
  boolean receiveSyslog() {
    return !syslogListen.equals("off");
  }
}
