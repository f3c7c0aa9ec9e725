package dci.actors.auth;

import dci.protocol.auth.Role;

/** Who is making a request, once their token checked out. */
public record Principal(String user, String domain, Role role, String tokenId) {}
