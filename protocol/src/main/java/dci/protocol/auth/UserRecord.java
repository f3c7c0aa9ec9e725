package dci.protocol.auth;

import dci.protocol.DciSerializable;

/**
 * A DCI user as replicated to every blade.
 *
 * @param user login name
 * @param domain the login domain (the seed's login screen asks for one)
 * @param role what the user may do
 * @param password salted hash, never the password
 * @param credentialVersion bumped on every password change; tokens carry it, so a change
 *     ends every session issued before
 * @param createdAtEpochMillis creation time
 */
public record UserRecord(
    String user,
    String domain,
    Role role,
    PasswordHash password,
    long credentialVersion,
    long createdAtEpochMillis)
    implements DciSerializable {

  public UserRecord withPassword(PasswordHash newHash) {
    return new UserRecord(user, domain, role, newHash, credentialVersion + 1, createdAtEpochMillis);
  }
}
