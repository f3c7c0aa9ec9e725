package dci.protocol.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One address whose port answered a probe, and what answered: {@code kind} {@code blade} (a
 * member of this cluster: {@code blade}, {@code status}), {@code candidate} (a {@code dci node
 * --await-admission}: {@code name}, {@code fingerprint} of its key, {@code codeRequired}) or
 * {@code unknown} ({@code found} says what).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Found(String address, int port, String kind, String blade, String status, String name,
    String fingerprint, Boolean codeRequired, String found) {}
