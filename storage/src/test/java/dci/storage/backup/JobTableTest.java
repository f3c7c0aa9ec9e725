package dci.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class JobTableTest {
  @Test
  void aJobRunsThenEndsDoneWithItsResultOrFailedWithTheCausesMessage() {
    JobTable jobs = new JobTable("blade-1");
    String run = jobs.add("run");
    String check = jobs.add("check");
    assertThat(run).isEqualTo("blade-1-run-1");
    assertThat(check).isEqualTo("blade-1-check-2");
    jobs.progress(run).filesDone.set(7);
    assertThat(jobs.view(run).state()).isEqualTo("running");
    assertThat(jobs.view(run).filesDone()).as("the worker's progress shows").isEqualTo(7);

    jobs.finish(run, java.util.Map.of("files", 7), null);
    assertThat(jobs.view(run).state()).isEqualTo("done");
    assertThat(jobs.view(run).result()).isEqualTo("{\"files\":7}");
    jobs.finish(check, null, new CompletionException(new BackupException("peer blade-2 unreachable")));
    assertThat(jobs.view(check).state()).isEqualTo("failed");
    assertThat(jobs.error(check)).as("the cause, not the wrapper").isEqualTo("peer blade-2 unreachable");
  }

  @Test
  void onlyTheNewestFiftyAreKeptAndAnUnknownIdSaysSo() {
    JobTable jobs = new JobTable("blade-1");
    String first = jobs.add("run");
    for (int i = 0; i < 50; i++) {
      jobs.add("run");
    }
    assertThat(jobs.view(first).state()).isEqualTo("unknown");
    assertThat(jobs.view(first).error()).isEqualTo("no such job on blade-1");
    assertThat(jobs.view("blade-1-run-2").state()).isEqualTo("running");
    jobs.finish(first, "late", null);  // a job dropped meanwhile ends quietly
    assertThat(jobs.view(first).state()).isEqualTo("unknown");
    assertThat(jobs.refused("restore", "bad target").id()).isNull();
  }
}
