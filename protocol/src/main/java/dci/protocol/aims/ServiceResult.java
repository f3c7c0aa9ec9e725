package dci.protocol.aims;

/**
 * One blade's result of a service action.
 *
 * @param blade the blade
 * @param name the service
 * @param action what was asked
 * @param manager who acted: {@code dci} (a DCI package's services), {@code systemd} or {@code init}
 * @param ok whether the action succeeded
 * @param state the service's state after it ({@code running}, {@code stopped}, ...)
 * @param output what the manager said (capped), or why nothing was done
 */
public record ServiceResult(String blade, String name, String action, String manager, boolean ok, String state,
    String output) {}
