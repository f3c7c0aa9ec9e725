package dci.protocol.tls;

import dci.protocol.DciSerializable;
import java.time.Instant;
import java.util.List;

/**
 * A blade certificate the cluster CA issued, as every blade knows it (replicated): no key, only
 * what an operator needs to list, rotate and revoke certificates.
 *
 * @param blade the blade it names
 * @param serial its serial number, lower-case hex
 * @param fingerprint SHA-256 of its DER, colon-separated hex
 * @param notAfter when it expires
 * @param hosts the addresses and names it is valid for (HTTPS)
 * @param caHolder true when this blade holds the cluster CA's key (it issues bundles)
 * @param seen when this record was last written
 */
public record CertRecord(String blade, String serial, String fingerprint, Instant notAfter, List<String> hosts,
    boolean caHolder, Instant seen) implements DciSerializable {

  public CertRecord {
    hosts = List.copyOf(hosts);
  }
}
