package dci.protocol.aims;

import java.util.List;

/**
 * One blade's playback of a recorded or synthetic task ({@code dci aims playback}): the file's
 * envelopes sent to it in order, each waited for.
 *
 * @param blade the blade
 * @param sent envelopes sent
 * @param answered envelopes it answered
 * @param undeliverable envelopes it could not take (no such app, refused, ...)
 * @param unanswered envelopes without an answer in the wait
 * @param durationMs from the first envelope to the last answer
 * @param problems why each undeliverable or unanswered one failed (first 20)
 * @param ok whether every envelope was answered
 */
public record PlaybackReport(String blade, int sent, int answered, int undeliverable, int unanswered, long durationMs,
    List<String> problems, boolean ok) {
  public PlaybackReport {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
