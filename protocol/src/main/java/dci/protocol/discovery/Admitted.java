package dci.protocol.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Reply of {@code POST /api/admit}: the new blade, Up, at its cluster address; its certificate's serial. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Admitted(String blade, String status, String address, String serial) {}
