package dci.storage.backup;

/** A blade that can hold backups, and where its API answers. */
public record PeerRef(String name, String api) {}
