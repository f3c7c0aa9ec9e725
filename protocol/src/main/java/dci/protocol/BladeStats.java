package dci.protocol;

/**
 * What a blade publishes about itself to the others (replicated with Distributed Data):
 * its disk figures, the moment it saw itself Up and the size of its message log.
 *
 * @param name blade name
 * @param api base URL of its HTTP API
 * @param freeBytes free bytes of its data directory
 * @param totalBytes total bytes of its data directory
 * @param upSinceEpochMillis when it saw itself Up, 0 if not yet
 * @param warnings what an operator should know about it (e.g. unconfined desks), empty if nothing
 * @param log its message log's retention setting and size, null while unknown
 */
public record BladeStats(String name, String api, long freeBytes, long totalBytes, long upSinceEpochMillis,
    java.util.List<String> warnings, LogSummary log) implements DciSerializable {

  public BladeStats {
    warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
  }
}
