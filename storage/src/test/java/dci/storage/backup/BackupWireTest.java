package dci.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.backup.ArchiveInfo;
import dci.protocol.backup.BackupJob;
import dci.protocol.backup.BackupSettings;
import dci.protocol.backup.CheckResult;
import dci.protocol.backup.ForgetResult;
import dci.protocol.backup.RestoreResult;
import dci.protocol.backup.RunResult;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's own records reach the API as JSON (a job's result text, settings, archives): each
 * has the fields of its record in the wire contract ({@code dci.protocol.backup}), in order, so
 * the CLI reads what the blade writes.
 */
class BackupWireTest {
  static List<Arguments> pairs() {
    return List.of(
        Arguments.of(BackupRun.Result.class, RunResult.class),
        Arguments.of(RestoreRun.Result.class, RestoreResult.class),
        Arguments.of(CheckRun.Result.class, CheckResult.class),
        Arguments.of(CheckRun.PeerReport.class, CheckResult.Peer.class),
        Arguments.of(ForgetRun.Result.class, ForgetResult.class),
        Arguments.of(Archive.class, ArchiveInfo.class),
        Arguments.of(JobView.class, BackupJob.class),
        Arguments.of(BackupConfig.class, BackupSettings.class),
        Arguments.of(Aging.class, BackupSettings.Aging.class));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void theAgentsRecordHasTheFieldsOfItsWireRecord(Class<?> own, Class<?> wire) {
    assertThat(names(own)).isEqualTo(names(wire));
  }

  private static List<String> names(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
