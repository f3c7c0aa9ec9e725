package dci.app.peerlets;

import dci.actors.peerlet.EchoPeerlet;
import dci.actors.peerlet.PeerletRegistry;

/**
 * The peerlet types every blade ships with: {@code echo} (tests and benchmarks), {@code chat}
 * and {@code whiteboard} (the seed's collaborative sessions, one instance per session GUID)
 * and {@code exec} (existing command-line programs, operators only). Installed peerlets are
 * registered on top of these later.
 */
public final class BuiltinPeerlets {
  private BuiltinPeerlets() {}

  /** A fresh registry holding the built-in types; callers may register more on it. */
  public static PeerletRegistry registry() {
    return new PeerletRegistry()
        .register(EchoPeerlet.type())
        .register(ChatPeerlet.type())
        .register(WhiteboardPeerlet.type())
        .register(ExecPeerlet.type());
  }
}
