package dci.app;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.api.AccountsApi;
import dci.protocol.api.ApiRoute;
import dci.protocol.api.ConsoleApi;
import dci.protocol.api.StatusApi;
import dci.protocol.backup.BackupApi;
import dci.protocol.discovery.DiscoveryApi;
import dci.protocol.failover.FailoverApi;
import dci.protocol.fs.ExportsApi;
import dci.protocol.moves.MovesApi;
import dci.protocol.resources.ResourcesApi;
import dci.protocol.messaging.MessagingApi;
import dci.protocol.pkg.api.PackagesApi;
import dci.protocol.tls.CertApi;
import dci.protocol.vnas.VnasApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/api.md} is what {@link ApiDoc} writes from the wire contract: with
 * {@code -Ddci.writeApiDoc=true} this test writes it; otherwise it fails while the file differs,
 * so the document cannot go stale.
 */
class ApiDocTest {
  /** Every feature's routes, in the order the document gives them. */
  static final List<ApiRoute.Feature> FEATURES = List.of(VnasApi.FEATURE, BackupApi.FEATURE, CertApi.FEATURE,
      AccountsApi.FEATURE, StatusApi.FEATURE, MessagingApi.FEATURE, PackagesApi.FEATURE, FailoverApi.FEATURE, MovesApi.FEATURE,
      ResourcesApi.FEATURE, ConsoleApi.FEATURE, ExportsApi.FEATURE, DiscoveryApi.FEATURE,
      dci.protocol.aims.AimsApi.FEATURE);

  @Test
  void docsApiMdIsWhatTheWireContractSays() throws Exception {
    Path file = Path.of("..", "docs", "api.md").toAbsolutePath().normalize();
    String doc = ApiDoc.render(FEATURES);
    if (Boolean.getBoolean("dci.writeApiDoc")) {
      Files.writeString(file, doc);
    }
    assertThat(Files.exists(file)).as(file + " exists (write it with -Ddci.writeApiDoc=true)").isTrue();
    assertThat(Files.readString(file))
        .as("docs/api.md is stale: write it anew with -Dtest=ApiDocTest -Ddci.writeApiDoc=true")
        .isEqualTo(doc);
  }

  @Test
  void aRecordsFieldsAreDocumentedWithTheirJsonTypes() {
    String doc = ApiDoc.render(FEATURES);
    assertThat(doc).contains("| `stripes` | [StatView.Stripe](#statviewstripe)[] |")
        .contains("| `stop` | boolean? |")
        .contains("| POST | `/api/vnas/drain` | admin | [DrainRequest](#drainrequest) | [DrainStatus](#drainstatus) |");
  }
}
