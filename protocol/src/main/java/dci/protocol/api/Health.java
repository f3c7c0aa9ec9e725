package dci.protocol.api;

/** Body of {@code GET /api/health}: which blade answered and its membership status. */
public record Health(String blade, String status) {}
