package dci.protocol.aims;

/** What {@code dci aims maintenance add} sends ({@code POST /api/aims/maintenance}); a job of that name is replaced. */
public record MaintenanceRequest(String name, String task, String on, String schedule, String command,
    Integer memtestMb) {}
