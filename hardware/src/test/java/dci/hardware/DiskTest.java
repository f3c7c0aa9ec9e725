package dci.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskTest {
  @TempDir Path tmp;

  @Test
  void createsTheDataDirectoryAndReportsItsFileSystemFigures() {
    Disk disk = Disk.at(tmp.resolve("a/b/blade-1"));
    assertThat(Files.isDirectory(disk.dataDir())).isTrue();
    Disk.Usage usage = disk.usage();
    assertThat(usage.totalBytes()).isPositive();
    assertThat(usage.freeBytes()).isBetween(0L, usage.totalBytes());
  }
}
