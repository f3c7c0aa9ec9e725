package dci.storage.vnas;

/**
 * What a blade's stripe store tells the others, replicated: where to reach it and how full it is.
 *
 * @param blade the blade's name
 * @param api base URL of the blade's HTTP API (stripes travel over HTTP, not Artery)
 * @param dataCenter the blade's data center (replicas prefer different ones)
 * @param contributed bytes of its disk the blade gives to the volume
 * @param used bytes its stripes take
 * @param stripes how many stripes it holds
 * @param updated when this was published, epoch milliseconds
 */
public record StoreInfo(String blade, String api, String dataCenter, long contributed, long used, long stripes,
    long updated) implements dci.protocol.DciSerializable {

  public long free() {
    return Math.max(0, contributed - used);
  }
}
