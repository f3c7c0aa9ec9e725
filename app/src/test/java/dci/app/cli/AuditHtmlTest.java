package dci.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.aims.AuditReport;
import dci.protocol.aims.AuditRow;
import dci.protocol.aims.HostInventory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditHtmlTest {

  @Test
  void aReportIsOnePageWithEveryFindingAndNothingAHostWroteRunsAsMarkup() {
    AuditReport a = new AuditReport("blade-1", Instant.EPOCH,
        List.of(new AuditReport.Account("mallory<script>alert(1)</script>", 1001, "/bin/bash", "/home/m")),
        List.of("sudoers: %sudo ALL=(ALL:ALL) ALL"), List.of("/data/blade-1/open.txt"), false,
        List.of(new HostInventory.Port("tcp", "0.0.0.0", 22, "sshd[1]", "root")),
        List.of(new AuditReport.FailedLogin("admin", "127.0.0.1:5000", 3, Instant.EPOCH)),
        List.of(new AuditReport.Upgrade("bash", "5.2.15-2+b8", "5.2.15-2+b13")), List.of());
    String html = AuditHtml.render(List.of(new AuditRow("blade-1", a, null), new AuditRow("blade-2", null, "no answer")));
    assertThat(html).startsWith("<!doctype html>").doesNotContain("<script").doesNotContain("src=")
        .contains("mallory&lt;script&gt;").contains("/data/blade-1/open.txt").contains("sshd[1]")
        .contains("5.2.15-2+b13").contains("127.0.0.1:5000").contains("Not audited: no answer");
  }
}
