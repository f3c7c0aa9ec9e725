package dci.protocol.api;

import java.time.Instant;

/** Answer to a good login: a bearer token and when it stops working. */
public record LoginResponse(String token, Instant expiresAt, String user, String role) {}
