package dci.app.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the shell's input into commands and words: commands end at a newline or an unquoted
 * {@code ;}; words are split at blanks, kept whole inside '...' or "...", and a backslash takes
 * the next character as it is; a {@code #} starting a word comments out the rest of the line.
 */
final class ShellLine {
  private ShellLine() {}

  /** The commands of {@code text}, each a list of words; empty commands are left out. */
  static List<List<String>> commands(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (c == '\\' && i + 1 < text.length()) {
        word = word == null ? new StringBuilder() : word;
        word.append(text.charAt(++i));
      } else if (c == '#' && word == null) {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == ';' || c == '\n' || Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        if ((c == ';' || c == '\n') && !words.isEmpty()) {
          out.add(words);
          words = new ArrayList<>();
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new CliError(CliError.USAGE, "unterminated " + quote + " quote");
    }
    if (word != null) {
      words.add(word.toString());
    }
    if (!words.isEmpty()) {
      out.add(words);
    }
    return out;
  }
}
