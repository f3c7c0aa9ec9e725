package dci.app.peerlets;

import static org.assertj.core.api.Assertions.assertThat;

import dci.actors.peerlet.PeerletType;
import dci.protocol.auth.Role;
import org.junit.jupiter.api.Test;

class BuiltinPeerletsTest {
  @Test
  void theRegistryHoldsEchoChatWhiteboardAndExecWithTheirLeastRoles() {
    var registry = BuiltinPeerlets.registry();
    assertThat(registry.all()).extracting(PeerletType::appType)
        .containsExactlyInAnyOrder("echo", "chat", "whiteboard", "exec");
    assertThat(registry.find("chat").orElseThrow().leastRole()).isEqualTo(Role.VIEWER);
    assertThat(registry.find("whiteboard").orElseThrow().leastRole()).isEqualTo(Role.VIEWER);
    assertThat(registry.find("exec").orElseThrow().leastRole()).isEqualTo(Role.OPERATOR);
  }

  @Test
  void eachCallGivesAFreshRegistry() {
    BuiltinPeerlets.registry().register(new PeerletType("extra", Role.ADMIN, api -> null));
    assertThat(BuiltinPeerlets.registry().find("extra")).isEmpty();
  }
}
