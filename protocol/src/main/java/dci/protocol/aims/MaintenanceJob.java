package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dci.protocol.DciSerializable;
import java.time.Instant;

/**
 * A scheduled maintenance job, replicated to every blade; each blade it names runs it by itself.
 *
 * @param name the job's name
 * @param task {@code fstrim}, {@code memtest}, {@code apt-clean} or {@code command}
 * @param on the blades: all, B1,B2 or role:R (resolved when it fires)
 * @param schedule when, in the backup's words ({@code daily 03:00}, {@code 6am weekly sun}, {@code every 30m})
 * @param command for {@code command}: what {@code sh -c} runs
 * @param memtestMb for {@code memtest}: how much memory {@code memtester} tests (MiB)
 * @param setBy who set it
 * @param setAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaintenanceJob(String name, String task, String on, String schedule, String command, int memtestMb,
    String setBy, Instant setAt) implements DciSerializable {}
