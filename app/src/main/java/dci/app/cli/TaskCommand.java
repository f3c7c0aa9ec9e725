package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dci.protocol.messaging.ExecReply;
import dci.protocol.messaging.TaskResult;
import dci.protocol.messaging.TaskStepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dci task run FILE}: run a distributed task described in XML or JSON. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Distributed tasks.",
    subcommands = {TaskCommand.Run.class})
final class TaskCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run");
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a task: ordered steps (blade, app, payload), each fed the earlier replies through",
          "${previous}, ${previous.FIELD} and ${steps.N.FIELD}. Exit status 0 only if every step succeeded."})
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Task file, .xml or .json.") Path file;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new CliError(CliError.USAGE, "no such file: " + file);
      }
      DciCommand root = DciCommand.root(spec);
      String type = file.toString().toLowerCase().endsWith(".xml") ? "application/xml" : "application/json";
      TaskResult r = new ApiClient(root.apiUrl(), Credentials.token(root.env()))
          .postBytes("/api/tasks", Files.readAllBytes(file), type, TaskResult.class);
      var out = spec.commandLine().getOut();
      if (root.output() == DciCommand.Output.json) {
        Printer.json(out, r);
      } else {
        for (TaskStepResult s : r.steps()) {
          String shown = shown(s.reply());
          out.printf("step %d on %s (%s): %s%s%n", s.step(), s.blade(), s.app(),
              s.ok() ? "ok" : "FAILED: " + s.error(), shown.isEmpty() ? "" : "\n   " + shown.replace("\n", "\n   "));
        }
        out.printf("task %s %s%n", r.task() == null ? "" : r.task(), r.ok() ? "succeeded" : "failed");
        out.flush();
      }
      return r.ok() ? 0 : CliError.FAILED;
    }

    /** A step's reply as shown: an exec reply's stdout, text as is, other JSON as JSON. */
    private static String shown(JsonNode reply) {
      if (reply == null) {
        return "";
      }
      return ExecReply.of(reply).map(x -> x.stdout() == null ? "null" : x.stdout().strip())
          .orElse(reply.isTextual() ? reply.asText() : reply.toString());
    }
  }
}
