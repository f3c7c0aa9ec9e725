package dci.protocol.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * JSON body of {@code POST /api/replay}: the ids of logged envelopes to send again, and where to
 * (a blade, {@code all}, or {@code B1,B2}; left out: the {@code to} parameter, else where they went).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayRequest(List<String> ids, String to) {}
