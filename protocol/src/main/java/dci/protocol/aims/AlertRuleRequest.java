package dci.protocol.aims;

/**
 * What {@code dci aims alert add} sends ({@code POST /api/aims/alert-rules}); a rule of the same
 * name is replaced.
 *
 * @param name the rule's name (letters, digits, {@code . _ -})
 * @param metric cpu, memory, swap, disk, temperature, probe-ms or disk-errors
 * @param test over, under or rising
 * @param limit the value for over and under
 * @param forSamples samples in a row (default 1)
 * @param webhook an http(s) URL each raised and cleared alert is POSTed to
 * @param command a command ({@code sh -c}) run on the blade for each, the alert as JSON on stdin
 */
public record AlertRuleRequest(String name, String metric, String test, Double limit, Integer forSamples,
    String webhook, String command) {}
