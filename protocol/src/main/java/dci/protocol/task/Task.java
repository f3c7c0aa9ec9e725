package dci.protocol.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import dci.protocol.auth.Names;
import java.util.List;

/**
 * A distributed task: ordered steps, each an envelope to (blade, app, instance) with a
 * payload. Text in a payload may refer to earlier replies, so one step's output feeds the
 * next: {@code ${previous}} (the previous reply, as text) or {@code ${previous.FIELD}}, and
 * {@code ${steps.N.FIELD}} for step N (1-based).
 *
 * @param name what the task is called
 * @param steps the steps, run in order; the task stops at the first that fails
 */
@JacksonXmlRootElement(localName = "task")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(
    @JacksonXmlProperty(isAttribute = true) String name,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "step") List<Step> steps) {

  /** Most steps a task may have. */
  public static final int MAX_STEPS = 100;

  /**
   * One step.
   *
   * @param blade where it runs: a blade's name, or {@code role:R} for every Up blade with role R
   *     (resolved when the step is sent; the step waits for each of them and its reply is an
   *     object with one field a blade, that blade's reply)
   * @param app the app type (peerlet) that runs it
   * @param instance the peerlet instance GUID, optional
   * @param timeoutMs how long to wait for its reply (default 30 s)
   * @param payload what it gets
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(String blade, String app, String instance, Long timeoutMs, JsonNode payload) {}

  /** Refuses a task that is empty, too long, or names no blade or app in a step. */
  public Task validated() {
    if (steps == null || steps.isEmpty()) {
      throw new IllegalArgumentException("a task needs at least one <step>");
    }
    if (steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException("a task has at most " + MAX_STEPS + " steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s == null || s.blade() == null || s.app() == null) {
        throw new IllegalArgumentException("step " + (i + 1) + " needs a blade and an app");
      }
      if (s.blade().startsWith("role:")) {
        dci.protocol.envelope.Recipients.role(s.blade().substring(5));
      } else {
        Names.requireBladeName(s.blade());
      }
      if (s.timeoutMs() != null && (s.timeoutMs() < 1 || s.timeoutMs() > 600_000)) {
        throw new IllegalArgumentException("step " + (i + 1) + ": timeoutMs must be between 1 and 600000");
      }
    }
    return this;
  }
}
