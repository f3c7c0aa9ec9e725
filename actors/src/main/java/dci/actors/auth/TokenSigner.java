package dci.actors.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens any blade can check without asking another: {@code dci1.USER.VERSION.EXP.ID.MAC},
 * the MAC an HMAC-SHA256 over the rest under the cluster's token key (replicated, durable).
 * The user's role is not in the token: it is looked up on every request, so a changed role
 * or a removed user takes effect at once; the credential version ends sessions issued
 * before a password change.
 */
public final class TokenSigner {
  private static final String PREFIX = "dci1";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key;

  public TokenSigner(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("token key must be at least 32 bytes");
    }
    this.key = key.clone();
  }

  /** A fresh random key for a new cluster. */
  public static byte[] newKey() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }

  /** What a valid token says. */
  public record Claims(String user, long credentialVersion, Instant expiresAt, String id) {}

  /** Issues a token for {@code user} that expires at {@code expiresAt}. */
  public String issue(String user, long credentialVersion, Instant expiresAt) {
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    String body = String.join(".",
        PREFIX,
        Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8)),
        Long.toString(credentialVersion),
        Long.toString(expiresAt.getEpochSecond()),
        HexFormat.of().formatHex(id));
    return body + "." + mac(body);
  }

  /** The claims of a well-formed, authentic, unexpired token; empty otherwise. */
  public Optional<Claims> verify(String token, Instant now) {
    if (token == null || token.length() > 512) {
      return Optional.empty();
    }
    int lastDot = token.lastIndexOf('.');
    if (lastDot < 0) {
      return Optional.empty();
    }
    String body = token.substring(0, lastDot);
    byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, mac(body).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    String[] parts = body.split("\\.");
    if (parts.length != 5 || !PREFIX.equals(parts[0])) {
      return Optional.empty();
    }
    try {
      String user = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      long version = Long.parseLong(parts[2]);
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
      if (!now.isBefore(expires)) {
        return Optional.empty();
      }
      return Optional.of(new Claims(user, version, expires, parts[4]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private String mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
