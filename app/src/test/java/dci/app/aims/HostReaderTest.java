package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;

import dci.protocol.aims.HostInventory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostReaderTest {

  @Test
  void readsThisHostsPackagesAndFindsAPortThisTestListensOn() throws IOException {
    HostReader reader = new HostReader("blade-1", Path.of("/proc"), List::of, Clock.systemUTC());
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      HostInventory inv = reader.read(HostReader.Need.ALL);
      assertThat(inv.packageSystem()).isEqualTo("dpkg");
      assertThat(inv.packages()).anySatisfy(p -> {
        assertThat(p.name()).isEqualTo("dpkg");
        assertThat(p.version()).matches("\\d.*");
      });
      long pid = ProcessHandle.current().pid();
      assertThat(inv.ports()).anySatisfy(p -> {
        assertThat(p.port()).isEqualTo(s.getLocalPort());
        assertThat(p.address()).endsWith("127.0.0.1");
        assertThat(p.process()).endsWith("[" + pid + "]");
      });
    }
  }

  @Test
  void modulesComeFromTheKernelsTableWithVersionsOnlyWhereAsked(@TempDir Path proc) throws IOException {
    Files.writeString(proc.resolve("modules"), "usb_storage 81920 1 uas, Live 0x0\next4 999424 2 - Live 0x0\n");
    HostInventory inv = new HostReader("blade-1", proc, List::of, Clock.systemUTC()).read(HostReader.Need.ALL);
    assertThat(inv.modules()).extracting(HostInventory.Item::name).containsExactly("ext4", "usb_storage");
    assertThat(inv.modules()).allSatisfy(m -> assertThat(m.version()).isNull());
  }

  @Test
  void ipv6AddressesReadAsPeopleWriteThem() {
    assertThat(ListeningPorts.address("0100007F")).isEqualTo("127.0.0.1");
    assertThat(ListeningPorts.address("00000000000000000000000000000000")).isEqualTo("::");
    assertThat(ListeningPorts.address("00000000000000000000000001000000")).isEqualTo("::1");
    assertThat(ListeningPorts.address("0000000000000000FFFF00000100007F")).isEqualTo("::ffff:127.0.0.1");
    assertThat(ListeningPorts.address("B80D0120000000000000000001000000")).isEqualTo("2001:db8::1");
  }
}
