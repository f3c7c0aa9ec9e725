package dci.actors.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * What a blade proves itself with: its private key, its certificate and the cluster CA's
 * certificate that signed it (which is also the only certificate it trusts).
 */
public record BladeCredentials(String blade, PrivateKey key, X509Certificate certificate, X509Certificate ca) {

  public BladeCredentials {
    if (!Keys.signedBy(certificate, ca)) {
      throw new IllegalArgumentException("the certificate of " + blade + " is not signed by the cluster CA");
    }
    if (!Keys.match(key, certificate)) {
      throw new IllegalArgumentException("the key of " + blade + " does not belong to its certificate");
    }
    if (!Keys.commonName(certificate).equals(blade)) {
      throw new IllegalArgumentException("the certificate is for '" + Keys.commonName(certificate)
          + "', not for " + blade);
    }
  }
}
