package dci.protocol.aims;

/** One blade's answer to {@code GET /api/aims/inventory}: its inventory, or why there is none. */
public record InventoryRow(String blade, HostInventory inventory, String error) {}
