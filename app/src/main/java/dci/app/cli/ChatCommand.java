package dci.app.cli;

import dci.protocol.Json;
import dci.protocol.envelope.Envelope;
import dci.protocol.messaging.ChatHistory;
import dci.protocol.messaging.ChatReply;
import dci.protocol.messaging.ChatRequest;
import dci.protocol.messaging.PeerletError;
import dci.protocol.messaging.SendResult;
import dci.protocol.messaging.UndeliverableNotice;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dci chat}: the chat peerlet's sessions from the command line. */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat sessions across blades (one session per GUID; several stay active and separate).",
    subcommands = {ChatCommand.Open.class, ChatCommand.Join.class, ChatCommand.Say.class, ChatCommand.History.class})
final class ChatCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: open, join, send or history");
  }

  /** Options every chat subcommand shares. */
  static final class Target {
    @Parameters(index = "0", paramLabel = "SESSION", description = "Session id (a GUID or any name).")
    String session;

    @Option(names = "--blade", paramLabel = "B", description = "Blade whose copy of the session to use (default: any).")
    String blade;
  }

  /** Sends {@code payload} to the session and reads the first reply's payload as {@code type}. */
  static <T> T call(CommandLine.Model.CommandSpec spec, Target t, ChatRequest request, Class<T> type) {
    DciCommand root = DciCommand.root(spec);
    SendResult r = new ApiClient(root.apiUrl(), Credentials.token(root.env())).post("/api/envelopes?wait=5s",
        Envelopes.envelope("chat", t.session, t.blade, null, request.toPayload()), SendResult.class);
    if (r.replies().isEmpty()) {
      throw new CliError(CliError.FAILED, "the chat session did not answer within 5 s");
    }
    Envelope reply = r.replies().get(0);
    Optional<UndeliverableNotice> notice = UndeliverableNotice.of(reply);
    if (notice.isPresent()) {
      throw new CliError(CliError.FAILED, notice.get().undeliverable());
    }
    String error = Wire.read(reply.payload(), PeerletError.class).error();
    if (error != null) {
      throw new CliError(CliError.FAILED, error);
    }
    return Wire.read(reply.payload(), type);
  }

  static String me(CommandLine.Model.CommandSpec spec, String user) {
    if (user != null) {
      return user;
    }
    Credentials c = Credentials.load(DciCommand.root(spec).env());
    return c != null && c.user() != null ? c.user() : System.getProperty("user.name", "anonymous");
  }

  static void print(CommandLine.Model.CommandSpec spec, Object p, String line) {
    var out = spec.commandLine().getOut();
    if (DciCommand.root(spec).output() == DciCommand.Output.json) {
      Printer.json(out, p);
    } else {
      out.println(line);
      out.flush();
    }
  }

  @Command(name = "open", mixinStandardHelpOptions = true, description = "Open a session among blades.")
  static final class Open implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Target target;

    @Option(names = "--members", required = true, split = ",", paramLabel = "B1,B2", description = "Member blades.")
    List<String> members;

    @Override
    public void run() {
      ChatReply r = call(spec, target, ChatRequest.open(members), ChatReply.class);
      print(spec, r, "session " + target.session + " open on " + (r.members() == null ? "" : Json.mapper().valueToTree(r.members())));
    }
  }

  @Command(name = "join", mixinStandardHelpOptions = true, description = "Join a session.")
  static final class Join implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Target target;

    @Option(names = "--user", paramLabel = "NAME", description = "Name to show (default: your login).") String user;

    @Override
    public void run() {
      ChatReply r = call(spec, target, ChatRequest.join(me(spec, user)), ChatReply.class);
      print(spec, r, me(spec, user) + " joined " + target.session);
    }
  }

  @Command(name = "send", mixinStandardHelpOptions = true, description = "Say something in a session.")
  static final class Say implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Target target;

    @Option(names = "--user", paramLabel = "NAME", description = "Name to show (default: your login).") String user;

    @Parameters(index = "1", paramLabel = "TEXT") String text;

    @Override
    public void run() {
      ChatReply r = call(spec, target, ChatRequest.say(me(spec, user), text), ChatReply.class);
      print(spec, r, "sent (" + (r.messages() == null ? 0 : r.messages()) + " messages in " + target.session + ")");
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "Show a session's messages.")
  static final class History implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Target target;

    @Override
    public void run() {
      ChatHistory r = call(spec, target, ChatRequest.history(), ChatHistory.class);
      var out = spec.commandLine().getOut();
      if (DciCommand.root(spec).output() == DciCommand.Output.json) {
        Printer.json(out, r);
        return;
      }
      for (ChatHistory.ChatLine m : r.messages() == null ? List.<ChatHistory.ChatLine>of() : r.messages()) {
        out.printf("%s  %-12s %s%n", m.at(), m.user() + ":", m.text());
      }
      out.flush();
    }
  }
}
