package dci.app.cli;

import dci.protocol.fs.FileEntry;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the shell's prompt: the first word from the commands; the target of
 * {@code run}, {@code ps} and {@code kill} from the Up blades, {@code all} and {@code role:};
 * any other word as a path of the tree, listed through the API as the user types. A call that
 * fails (a blade gone, no right to list) completes nothing.
 */
final class ShellCompleter implements Completer {
  private static final Set<String> TARGETED = Set.of("run", "ps", "kill");
  private final Shell shell;

  ShellCompleter(Shell shell) {
    this.shell = shell;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
    try {
      if (line.wordIndex() == 0) {
        Shell.COMMANDS.forEach(c -> out.add(new Candidate(c)));
      } else if (line.wordIndex() == 1 && TARGETED.contains(line.words().get(0))) {
        out.add(new Candidate("all"));
        out.add(new Candidate("role:", "role:", null, null, null, null, false));
        shell.fs().upBlades().forEach(b -> out.add(new Candidate(b)));
      } else {
        paths(line.word().substring(0, Math.min(line.wordCursor(), line.word().length())), out);
      }
    } catch (CliError | IllegalArgumentException e) {
      // nothing to offer
    }
  }

  private void paths(String typed, List<Candidate> out) {
    int slash = typed.lastIndexOf('/');
    String folder = slash < 0 ? "" : typed.substring(0, slash + 1);
    ShellPath at = shell.path(folder.isEmpty() ? "." : folder);
    for (FileEntry e : shell.fs().list(at)) {
      String value = folder + e.name() + (e.dir() ? "/" : "");
      out.add(new Candidate(value, e.name() + (e.dir() ? "/" : ""), null, null, null, null, !e.dir()));
    }
  }
}
