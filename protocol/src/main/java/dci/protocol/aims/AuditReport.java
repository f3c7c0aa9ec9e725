package dci.protocol.aims;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One blade's security audit ({@code dci aims audit}).
 *
 * @param blade the blade
 * @param at when it was taken
 * @param loginAccounts accounts whose shell lets them log in
 * @param sudo who may use sudo: {@code sudoers} lines and members of the sudo, admin and wheel groups
 * @param worldWritable files and folders anyone may write under the blade's data and the homes
 * @param worldWritableCapped whether there were more than the report lists
 * @param listening listening sockets and their owners
 * @param failedLogins failed DCI logins this blade remembers
 * @param outOfDate OS packages with a newer version in the package cache ({@code apt-get -s upgrade})
 * @param notes what could not be read, and why
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditReport(String blade, Instant at, List<Account> loginAccounts, List<String> sudo,
    List<String> worldWritable, boolean worldWritableCapped, List<HostInventory.Port> listening,
    List<FailedLogin> failedLogins, List<Upgrade> outOfDate, List<String> notes) {

  /** An account that can log in. */
  public record Account(String name, int uid, String shell, String home) {}

  /** Failed DCI logins of a user from an address. */
  public record FailedLogin(String user, String address, int count, Instant last) {}

  /** A package with a newer version waiting. */
  public record Upgrade(String name, String installed, String available) {}
}
