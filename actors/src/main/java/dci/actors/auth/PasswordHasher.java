package dci.actors.auth;

import dci.protocol.auth.PasswordHash;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, stretched password hashes (PBKDF2-HMAC-SHA256). CPU-heavy by design: callers run
 * it off actor threads.
 */
public final class PasswordHasher {
  static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  public PasswordHasher(int iterations) {
    if (iterations < 1_000) {
      throw new IllegalArgumentException("pbkdf2-iterations must be at least 1000, was " + iterations);
    }
    this.iterations = iterations;
  }

  /** Hashes a password with a fresh random salt. */
  public PasswordHash hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder();
    return new PasswordHash(ALGORITHM, iterations, b64.encodeToString(salt), b64.encodeToString(key));
  }

  /** True when {@code password} matches; compares in constant time. */
  public boolean verify(String password, PasswordHash stored) {
    if (!ALGORITHM.equals(stored.algorithm())) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(stored.hash());
    byte[] actual = derive(password, b64.decode(stored.salt()), stored.iterations());
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the same time as a real check, so an unknown user answers no faster. */
  public void burn(String password) {
    derive(password, new byte[SALT_BYTES], iterations);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    } finally {
      spec.clearPassword();
    }
  }

  /** A random password of {@code length} letters and digits, for generated credentials. */
  public static String randomPassword(int length) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
