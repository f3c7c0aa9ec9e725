package dci.protocol.tls;

import java.util.List;

/**
 * Body of {@code POST /api/cert/issue} (a join bundle for {@code blade}, valid for {@code hosts}
 * besides loopback; with {@code publicKey}, a PEM public key the blade made itself, a certificate
 * over that key instead, and no private key in the answer) and of {@code POST /api/cert/enrol}
 * (same-machine enrolment: {@code secret} is the offered one, hosts are ignored).
 */
public record IssueRequest(String blade, List<String> hosts, String secret, String publicKey) {

  /** A request for a new key and certificate (a join bundle). */
  public IssueRequest(String blade, List<String> hosts, String secret) {
    this(blade, hosts, secret, null);
  }
}
