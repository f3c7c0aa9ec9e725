package dci.app.cli;

import dci.protocol.BladeInfo;
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
    List<BladeInfo> blades = Wire.list(new ApiClient(root.apiUrl(), Credentials.token(root.env()))
        .get("/api/blades"), BladeInfo.class);
    var out = spec.commandLine().getOut();
    if (root.output() == DciCommand.Output.json) {
      Printer.json(out, blades);
      return;
    }
    Printer.rows(out, blades, List.<Printer.Cell<BladeInfo>>of(
        new Printer.Cell<>("NAME", r -> Printer.text(r.name())),
        new Printer.Cell<>("ADDRESS", r -> Printer.text(r.address())),
        new Printer.Cell<>("STATUS", r -> Printer.text(r.status())),
        new Printer.Cell<>("DC", r -> Printer.text(r.dataCenter())),
        new Printer.Cell<>("ROLES", r -> Printer.text(r.roles())),
        new Printer.Cell<>("FREE", r -> Printer.bytes(r.freeBytes())),
        new Printer.Cell<>("TOTAL", r -> Printer.bytes(r.totalBytes())),
        new Printer.Cell<>("UP SINCE", r -> Printer.text(r.upSince())),
        new Printer.Cell<>("LOG LINES", r -> r.log() == null ? "-" : Printer.text(r.log().lines())),
        new Printer.Cell<>("LOG KEEP", r -> r.log() == null ? "-" : Printer.text(r.log().keep()))));
    for (BladeInfo b : blades) {
      for (String w : b.warnings()) {
        out.printf("WARNING %s: %s%n", b.name(), w);
      }
    }
    out.flush();
  }
}
