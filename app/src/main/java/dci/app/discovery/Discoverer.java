package dci.app.discovery;

import dci.protocol.BladeInfo;
import dci.protocol.discovery.AdmissionInfo;
import dci.protocol.discovery.DiscoverRequest;
import dci.protocol.discovery.Discovery;
import dci.protocol.discovery.Found;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One discovery (Fig. 10): probes the addresses for the port ({@link Prober}), then says what
 * answered at each open one: a blade of this cluster (its address is a member's), a node waiting
 * for admission (its admission listener answers, {@link CandidateClient}), or something else.
 * Blocking: runs on the blade's I/O executor.
 */
final class Discoverer {
  static final int DEFAULT_PORT = 25520;
  private static final String UNKNOWN = "port open, no DCI answer (another cluster's blade or another service)";

  private final DiscoverySettings settings;
  private final CandidateClient candidates;

  Discoverer(DiscoverySettings settings, CandidateClient candidates) {
    this.settings = settings;
    this.candidates = candidates;
  }

  /** The addresses of a request, checked (IllegalArgumentException: a bad or too big range). */
  List<InetAddress> targets(DiscoverRequest req) {
    return Targets.of(req.range(), req.hosts(), settings.maxAddresses());
  }

  static int port(Integer port) {
    int p = port == null ? DEFAULT_PORT : port;
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("port " + p + " is out of range 1-65535");
    }
    return p;
  }

  Discovery discover(List<InetAddress> targets, int port, List<BladeInfo> blades, Executor io) throws IOException {
    List<InetAddress> open = new Prober(settings).open(targets, port);
    Map<String, BladeInfo> members = new HashMap<>();
    for (BladeInfo b : blades) {
      memberKey(b.address()).ifPresent(k -> members.put(k, b));
    }
    List<CompletableFuture<Found>> found = new ArrayList<>();
    for (InetAddress a : open) {
      BladeInfo member = members.get(a.getHostAddress() + ":" + port);
      if (member != null) {
        found.add(CompletableFuture.completedFuture(new Found(a.getHostAddress(), port, "blade", member.name(),
            member.status().name(), null, null, null, "a blade of this cluster")));
      } else {
        found.add(CompletableFuture.supplyAsync(() -> classify(a, port), io));
      }
    }
    return new Discovery(targets.size(), open.size(), port, found.stream().map(CompletableFuture::join).toList());
  }

  private Found classify(InetAddress a, int port) {
    try {
      AdmissionInfo i = candidates.info(a, port);
      return new Found(a.getHostAddress(), port, "candidate", null, null, i.name(), i.fingerprint(),
          i.codeRequired(), "a DCI node awaiting admission");
    } catch (IOException e) {
      return new Found(a.getHostAddress(), port, "unknown", null, null, null, null, null, UNKNOWN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Found(a.getHostAddress(), port, "unknown", null, null, null, null, null, UNKNOWN);
    }
  }

  /** A member's {@code host:port} with the host as an address literal (names are not resolved here). */
  private static java.util.Optional<String> memberKey(String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0) {
      return java.util.Optional.empty();
    }
    String host = address.substring(0, colon);
    if (!dci.actors.tls.Hosts.isAddress(host)) {
      return java.util.Optional.of(address);
    }
    try {
      return java.util.Optional.of(InetAddress.getByName(host).getHostAddress() + address.substring(colon));
    } catch (UnknownHostException e) {
      return java.util.Optional.of(address);
    }
  }
}
