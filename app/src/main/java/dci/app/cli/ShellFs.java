package dci.app.cli;

import dci.protocol.BladeInfo;
import dci.protocol.BladeStatus;
import dci.protocol.fs.CopyRequest;
import dci.protocol.fs.ExportSpec;
import dci.protocol.fs.FileEntry;
import dci.protocol.vnas.LsEntry;
import dci.protocol.vnas.StatView;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The shell's virtual tree over the API: each operation on a {@link ShellPath} becomes the call
 * for its part of the tree (the directory, a blade's exports and files, the volume). The blade
 * checks the caller's token and role on every call.
 */
final class ShellFs {
  private final ApiClient api;
  private final ShellHttp http;

  ShellFs(ApiClient api, ShellHttp http) {
    this.api = api;
    this.http = http;
  }

  /** The entries of a folder (a file lists as itself). */
  List<FileEntry> list(ShellPath p) {
    return switch (p.kind()) {
      case ROOT -> List.of(dir("blades"), dir("vnas"));
      case BLADES -> upBlades().stream().map(ShellFs::dir).toList();
      case BLADE -> exports(p.blade()).stream().map(e -> dir(e.name())).toList();
      case EXPORT -> Wire.list(api.get("/api/fs/list?" + on(p)), FileEntry.class);
      case VNAS -> {
        StatView s = vnasStat(p);
        yield s.collection() ? Wire.list(api.get("/api/vnas/ls?path=" + ShellHttp.q(p.rest())), LsEntry.class).stream()
            .map(e -> new FileEntry(e.name(), e.collection(), e.size(), Instant.ofEpochMilli(e.modified()))).toList()
            : List.of(new FileEntry(p.name(), false, s.size(), Instant.ofEpochMilli(s.modified())));
      }
    };
  }

  /** What {@code p} is; a CliError when there is nothing there. */
  FileEntry stat(ShellPath p) {
    return switch (p.kind()) {
      case ROOT, BLADES -> dir(p.name());
      case BLADE -> {
        if (!upBlades().contains(p.blade())) {
          throw new CliError(CliError.FAILED, "no Up blade named '" + p.blade() + "'");
        }
        yield dir(p.name());
      }
      case EXPORT -> Wire.read(api.get("/api/fs/stat?" + on(p)), FileEntry.class);
      case VNAS -> {
        StatView s = vnasStat(p);
        yield new FileEntry(p.name(), s.collection(), s.size(), Instant.ofEpochMilli(s.modified()));
      }
    };
  }

  /** The contents of a file, streamed. */
  InputStream open(ShellPath p) {
    return switch (files(p).kind()) {
      case EXPORT -> http.send("GET", "/api/fs/read?" + on(p), HttpRequest.BodyPublishers.noBody());
      default -> http.send("GET", VnasTransfer.davPath(p.rest()), HttpRequest.BodyPublishers.noBody());
    };
  }

  /** Uploads a local file to {@code p}. */
  void upload(Path local, ShellPath p) {
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(local);
    } catch (java.io.FileNotFoundException e) {
      throw new CliError(CliError.USAGE, "cannot read " + local);
    }
    if (files(p).kind() == ShellPath.Kind.EXPORT) {
      http.call("PUT", "/api/fs/write?" + on(p), body);
    } else {
      http.call("PUT", VnasTransfer.davPath(p.rest()), body);
    }
  }

  /** Copies file {@code from} to {@code to}; the blades move the bytes. */
  void copy(ShellPath from, ShellPath to) {
    files(from);
    files(to);
    if (from.kind() == ShellPath.Kind.VNAS && to.kind() == ShellPath.Kind.VNAS) {
      http.call("COPY", VnasTransfer.davPath(from.rest()), HttpRequest.BodyPublishers.noBody(),
          "Destination", http.base() + VnasTransfer.davPath(to.rest()), "Overwrite", "T");
      return;
    }
    api.post("/api/fs/copy", new CopyRequest(from.blade(), from.rest(), to.blade(), to.rest()));
  }

  /** Moves {@code from} to {@code to}: within a blade or the volume at once, else a copy then a remove. */
  void move(ShellPath from, ShellPath to) {
    files(from);
    files(to);
    if (from.kind() == ShellPath.Kind.VNAS && to.kind() == ShellPath.Kind.VNAS) {
      http.call("MOVE", VnasTransfer.davPath(from.rest()), HttpRequest.BodyPublishers.noBody(),
          "Destination", http.base() + VnasTransfer.davPath(to.rest()), "Overwrite", "T");
    } else if (from.kind() == ShellPath.Kind.EXPORT && to.kind() == ShellPath.Kind.EXPORT
        && from.blade().equals(to.blade())) {
      api.post("/api/fs/move?" + on(from) + "&to=" + ShellHttp.q(to.rest()), java.util.Map.of());
    } else {
      copy(from, to);
      remove(from, false);
    }
  }

  void remove(ShellPath p, boolean recursive) {
    if (files(p).kind() == ShellPath.Kind.EXPORT) {
      api.delete("/api/fs/remove?" + on(p) + (recursive ? "&recursive=true" : ""));
    } else {
      http.call("DELETE", VnasTransfer.davPath(p.rest()), HttpRequest.BodyPublishers.noBody());
    }
  }

  void mkdir(ShellPath p) {
    if (files(p).kind() == ShellPath.Kind.EXPORT) {
      api.post("/api/fs/mkdir?" + on(p), java.util.Map.of());
    } else {
      http.call("MKCOL", VnasTransfer.davPath(p.rest()), HttpRequest.BodyPublishers.noBody());
    }
  }

  /** The names of the Up blades, from the directory. */
  List<String> upBlades() {
    return Wire.list(api.get("/api/blades"), BladeInfo.class).stream().filter(b -> b.status() == BladeStatus.Up)
        .map(BladeInfo::name).distinct().sorted().toList();
  }

  List<ExportSpec> exports(String blade) {
    return Wire.list(api.get("/api/exports?blade=" + ShellHttp.q(blade)), ExportSpec.class);
  }

  private StatView vnasStat(ShellPath p) {
    if (p.rest().equals("/")) {
      return new StatView("/", true, 0, 0, null, null, 0, 0, List.of());
    }
    return api.get("/api/vnas/stat?path=" + ShellHttp.q(p.rest()), StatView.class);
  }

  private static ShellPath files(ShellPath p) {
    if (!p.holdsFiles()) {
      throw new CliError(CliError.USAGE, p.text() + " is not a file or folder in an export or the VNAS");
    }
    return p;
  }

  private static String on(ShellPath p) {
    return "blade=" + ShellHttp.q(p.blade()) + "&path=" + ShellHttp.q(p.rest());
  }

  private static FileEntry dir(String name) {
    return new FileEntry(name, true, 0, null);
  }
}
