package dci.app.aims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dci.protocol.aims.HostInventory;
import dci.protocol.aims.HostInventory.Item;
import dci.protocol.aims.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final HostInventory HOST = new HostInventory("blade-1", Instant.EPOCH, "dpkg",
      List.of(new Item("openssh-server", "1:9.2p1-2+deb12u3"), new Item("telnetd", "0.17-44"),
          new Item("openssl", "3.0.11-1~deb12u2")),
      List.of(new Item("usb_storage", null), new Item("ext4", "1.0")),
      List.of(new HostInventory.Service("ssh", "running", true), new HostInventory.Service("cron", "stopped", true)),
      List.of(new HostInventory.Port("tcp", "0.0.0.0", 22, "sshd[1]", "root"),
          new HostInventory.Port("tcp", "127.0.0.1", 8080, "java[9]", "dci")),
      List.of(new Item("chat", "1.2.0")), List.of());

  @Test
  void eachRuleBrokenIsOneViolationNamingWhatWasFound() {
    Policy p = Policy.parse("""
        packages:
          require:
            - {name: openssh-server, version: ">= 1:9.0"}
            - {name: dci-no-such-package-xyz, version: ">= 1.0"}
            - {name: openssl, version: ">= 3.1"}
          forbid:
            - {name: telnetd}
            - {name: openssh-server, version: "< 1:9"}
        dci-packages:
          require: [{name: chat, version: ">= 2"}]
        modules:
          forbid: [{name: usb-storage}]
          require: [{name: ext4}]
        services: {running: [ssh, cron, nginx], stopped: [ssh]}
        ports: {allow: [22, "8000-8079"]}
        """);
    List<String> lines = PolicyCheck.violations(p, HOST).stream().map(Violation::line).toList();
    assertThat(lines).containsExactlyInAnyOrder(
        "blade-1: package dci-no-such-package-xyz: require >= 1.0, found absent",
        "blade-1: package openssl: require >= 3.1, found 3.0.11-1~deb12u2",
        "blade-1: package telnetd: forbid, found 0.17-44",
        "blade-1: dci-package chat: require >= 2, found 1.2.0",
        "blade-1: module usb-storage: forbid, found installed",
        "blade-1: service cron: running, found stopped",
        "blade-1: service nginx: running, found absent",
        "blade-1: service ssh: stopped, found running",
        "blade-1: port tcp 127.0.0.1:8080: allow 22, 8000-8079, found listening by java[9] (user dci)");
  }

  @Test
  void aHostThatMeetsThePolicyHasNoViolation() {
    Policy p = Policy.parse("packages: {require: [{name: openssh-server}]}\nservices: {running: [ssh]}\n");
    assertThat(PolicyCheck.violations(p, HOST)).isEmpty();
    assertThat(PolicyCheck.violations(Policy.EMPTY, HOST)).isEmpty();
  }

  @Test
  void aPolicyWithATypoOrABadVersionIsRefusedWithWhere() {
    assertThatThrownBy(() -> Policy.parse("packages:\n  requier: [{name: x}]\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key 'requier' under packages");
    assertThatThrownBy(() -> Policy.parse("packages: {require: [{name: x, version: \">= 1 && 2\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packages x");
    assertThatThrownBy(() -> Policy.parse("modules: {forbid: [{version: \"1\"}]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a name");
    assertThatThrownBy(() -> Policy.parse("ports: {allow: [\"22; reboot\"]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a port or range");
    assertThatThrownBy(() -> Policy.parse("   ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Policy.parse("- just\n- a list\n")).hasMessageContaining("not a policy");
  }

  @Test
  void onlyModulesWithAVersionConditionAreLookedUp() {
    Policy p = Policy.parse("modules: {require: [{name: zfs, version: \">= 2\"}, {name: ext4}], forbid: [{name: usb-storage}]}");
    assertThat(p.versionedModules()).containsExactly("zfs");
    HostReader.Need need = p.need();
    assertThat(need.packages()).as("a policy of modules only reads no packages").isFalse();
    assertThat(need.services()).as("nor services").isEmpty();
    assertThat(need.ports()).isFalse();
  }
}
