package dci.protocol.moves;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One tagged pair of a move: {@code user}'s home and desk go from blade {@code from} to blade
 * {@code to}. {@code depth} orders a cascade (pairs of the same depth run in parallel, lower
 * depths first); null in a request means the pair's position for a cascade, else 0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MovePair(String user, String from, String to, Integer depth) {}
