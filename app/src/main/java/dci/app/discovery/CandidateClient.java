package dci.app.discovery;

import dci.actors.tls.Keys;
import dci.actors.tls.Pem;
import dci.protocol.Json;
import dci.protocol.discovery.Admission;
import dci.protocol.discovery.AdmissionInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The cluster's side of a waiting node's admission listener. Its TLS certificate is its own
 * (self-signed), so no CA vouches for it: the client takes any certificate, then insists that the
 * key the node proved in the handshake is the key it asks a certificate for (so no one between
 * can swap in theirs), and, when the caller pinned one, that it has that fingerprint.
 */
final class CandidateClient {
  private final HttpClient http;
  private final Duration timeout;

  CandidateClient(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().sslContext(AnyCertificate.context()).connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /** What answered at that address: a waiting node's checked info, or why not. Blocks. */
  AdmissionInfo info(InetAddress address, int port) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(address, port)).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("the node at " + address.getHostAddress() + ":" + port + " answered " + r.statusCode()
          + ": " + r.body());
    }
    AdmissionInfo info;
    try {
      info = Json.parse(r.body(), AdmissionInfo.class);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a DCI admission answer: " + e.getMessage());
    }
    if (!AdmissionInfo.AWAITING.equals(info.dci()) || info.publicKey() == null) {
      throw new IOException("not a DCI node awaiting admission");
    }
    PublicKey shown;
    try {
      shown = Pem.publicKey(info.publicKey());
    } catch (IllegalArgumentException e) {
      throw new IOException("its public key is not usable: " + e.getMessage());
    }
    if (!shown.equals(tlsKey(r)) || !Keys.fingerprint(shown).equals(info.fingerprint())) {
      throw new IOException("the node's TLS key is not the key it asks a certificate for: refused");
    }
    return info;
  }

  /** Sends the node its admission; the node's answer (status and body). Blocks. */
  HttpResponse<String> admit(InetAddress address, int port, Admission admission, PublicKey expected)
      throws IOException, InterruptedException {
    // the node checks and writes its credentials before it answers; a wrong code costs a second
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(address, port)).timeout(timeout.plusSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(admission))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (!expected.equals(tlsKey(r))) {
      throw new IOException("the node's TLS key changed between its info and its admission: refused");
    }
    return r;
  }

  /** The error text of a node's refusal. */
  static String reason(HttpResponse<String> r) {
    try {
      Map<?, ?> m = Json.parse(r.body(), Map.class);
      return String.valueOf(m.get("error"));
    } catch (IllegalArgumentException e) {
      return r.body();
    }
  }

  private static PublicKey tlsKey(HttpResponse<?> r) throws IOException {
    try {
      Certificate[] chain = r.sslSession().orElseThrow(() -> new IOException("no TLS session")).getPeerCertificates();
      return chain[0].getPublicKey();
    } catch (SSLPeerUnverifiedException e) {
      throw new IOException("the node showed no certificate");
    }
  }

  private static URI uri(InetAddress address, int port) {
    String host = address.getHostAddress();
    return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
        + AdmissionListener.PATH);
  }
}
