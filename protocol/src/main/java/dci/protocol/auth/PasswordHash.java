package dci.protocol.auth;

import dci.protocol.DciSerializable;

/**
 * A salted, stretched password hash as stored in the replicated user table.
 *
 * @param algorithm the JCA name, e.g. {@code PBKDF2WithHmacSHA256}
 * @param iterations stretching iterations
 * @param salt base64 salt
 * @param hash base64 derived key
 */
public record PasswordHash(String algorithm, int iterations, String salt, String hash)
    implements DciSerializable {}
