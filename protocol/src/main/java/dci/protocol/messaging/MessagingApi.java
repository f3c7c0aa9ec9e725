package dci.protocol.messaging;

import dci.protocol.api.ApiRoute;
import dci.protocol.envelope.Envelope;
import dci.protocol.task.Task;
import java.util.List;

/**
 * The messaging feature's routes: envelopes ({@code dci send}, {@code dci broadcast},
 * {@code dci chat}), tasks, the message log and replays.
 */
public final class MessagingApi {
  private MessagingApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("messaging", List.of(
      ApiRoute.of("POST", "/api/envelopes?wait=D", "viewer", Envelope.class, SendResult.class,
          "send an envelope (JSON or XML) from this blade; the app's own least role applies (operator if"
              + " unknown); with wait (e.g. 5s, 500ms, 1m; at most 10m), its replies"),
      ApiRoute.of("POST", "/api/tasks", "operator", Task.class, TaskResult.class,
          "run a task (JSON or XML) step by step across blades; answers when it ends"),
      ApiRoute.of("GET", "/api/log?app=&sender=&receiver=&since=&until=&id=&sort=&limit=&before=&after=&format=json",
          "viewer", null, LogReply.class, "a page of this blade's message log (format=xml: the XML document)"),
      ApiRoute.of("GET", "/api/log/export?app=&sender=&receiver=&since=&until=&id=&sort=&limit=&format=json",
          "viewer", null, LogReply.class, "every matching line of this blade's log, streamed (format=xml: XML)"),
      ApiRoute.of("POST", "/api/replay?wait=D&to=T", "operator", ReplayRequest.class, ReplayResult.class,
          "send logged envelopes again, by id from this blade's log, or an exported XML log as the body"),
      // the payloads of the replies the CLI reads, by app, so that they are documented too
      ApiRoute.of("-", "SendResult.replies[].payload: undeliverable", "-", null, UndeliverableNotice.class,
          "a notice that the envelope could not be delivered"),
      ApiRoute.of("-", "SendResult.replies[].payload: exec", "-", null, ExecReply.class,
          "the exec app's reply (also a task step's reply)"),
      ApiRoute.of("-", "SendResult.replies[].payload: chat open, join, say", "-", null, ChatReply.class,
          "the chat app's reply to open, join and say"),
      ApiRoute.of("-", "SendResult.replies[].payload: chat history", "-", null, ChatHistory.class,
          "the chat app's reply to history"),
      ApiRoute.of("-", "SendResult.replies[].payload: chat, whiteboard refusal", "-", null, PeerletError.class,
          "a collaborative app's answer to an op it refuses")));
}
