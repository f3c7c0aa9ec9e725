package dci.actors.http;

import java.net.InetAddress;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * The address of the socket a request came in on ({@code pekko.http.server.remote-address-attribute}),
 * never a client's own claim in {@code X-Forwarded-For} or {@code X-Real-IP}: what login throttling
 * and loopback checks count by.
 */
public final class PeerAddress {
  private PeerAddress() {}

  /** The socket's address as text, or "unknown" when the server was not told it. */
  public static String of(HttpRequest request) {
    return request.getAttribute(AttributeKeys.remoteAddress)
        .flatMap(r -> r.getAddress()).map(InetAddress::getHostAddress).orElse("unknown");
  }

  /** True when the request came in over a loopback socket. */
  public static boolean loopback(HttpRequest request) {
    return request.getAttribute(AttributeKeys.remoteAddress)
        .flatMap(r -> r.getAddress()).map(InetAddress::isLoopbackAddress).orElse(false);
  }
}
