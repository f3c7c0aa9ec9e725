package dci.protocol.api;

import java.time.Instant;

/** A user as the API shows it: never the hash. */
public record UserView(String user, String domain, String role, Instant createdAt) {}
