package dci.protocol.api;

/** Every error the API returns: the HTTP status again and one clear sentence. */
public record ErrorBody(int status, String error) {}
