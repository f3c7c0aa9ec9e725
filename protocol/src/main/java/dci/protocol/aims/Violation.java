package dci.protocol.aims;

/**
 * One way a blade breaks the policy.
 *
 * @param blade the blade
 * @param kind {@code package}, {@code module}, {@code service} or {@code port}
 * @param subject the package, module, service or port concerned
 * @param rule what the policy asks ({@code require >= 1.0}, {@code forbid}, {@code running},
 *     {@code allow 22, 443})
 * @param found what the blade has ({@code absent}, a version, a state, a listening process)
 */
public record Violation(String blade, String kind, String subject, String rule, String found) {

  /** One line for people: {@code blade-1: package dci-x: require >= 1.0, found absent}. */
  public String line() {
    return blade + ": " + kind + " " + subject + ": " + rule + ", found " + found;
  }
}
