package dci.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dci status}: the blade directory. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show every blade: name, address, status, data center, roles, disk, up since, message log "
        + "lines and retention.")
final class StatusCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    DciCommand root = DciCommand.root(spec);
    JsonNode blades = new ApiClient(root.apiUrl(), Credentials.token(root.env())).get("/api/blades");
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, blades);
      return;
    }
    Printer.table(out, blades, List.of(
        new Printer.Column("NAME", r -> Printer.text(r, "name")),
        new Printer.Column("ADDRESS", r -> Printer.text(r, "address")),
        new Printer.Column("STATUS", r -> Printer.text(r, "status")),
        new Printer.Column("DC", r -> Printer.text(r, "dataCenter")),
        new Printer.Column("ROLES", r -> Printer.text(r, "roles")),
        new Printer.Column("FREE", r -> Printer.bytes(r, "freeBytes")),
        new Printer.Column("TOTAL", r -> Printer.bytes(r, "totalBytes")),
        new Printer.Column("UP SINCE", r -> Printer.text(r, "upSince")),
        new Printer.Column("LOG LINES", r -> Printer.text(r.path("log"), "lines")),
        new Printer.Column("LOG KEEP", r -> Printer.text(r.path("log"), "keep"))));
    for (JsonNode b : blades) {
      for (JsonNode w : b.path("warnings")) {
        out.printf("WARNING %s: %s%n", b.path("name").asText(), w.asText());
      }
    }
    out.flush();
  }
}
