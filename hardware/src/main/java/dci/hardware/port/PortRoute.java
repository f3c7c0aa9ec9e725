package dci.hardware.port;

import dci.protocol.DciSerializable;
import java.time.Instant;

/**
 * One row of the peripheral switch's table: user {@code user}'s desk (keyboard, mouse and
 * display, port {@code port}) is connected to blade {@code blade} since {@code since}.
 *
 * @param reason why it was routed there: "assigned" by an operator, or a fail-over's id
 */
public record PortRoute(String user, String port, String blade, Instant since, String reason)
    implements DciSerializable {

  /** The port name of a user's desk. */
  public static String portOf(String user) {
    return "desk-" + user;
  }
}
