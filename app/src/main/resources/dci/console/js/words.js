// A command line split into words the way a POSIX shell splits it, without running anything:
// blanks separate words; 'single quotes' keep everything; "double quotes" keep everything but
// \" \\ \$ \` (escaped); a backslash outside quotes keeps the next character. No variables,
// globs or pipes: the words go to the program as they are.

/** The words of line; throws Error on an unterminated quote or a trailing backslash. */
export function words(line) {
  const out = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) { out.push(word); word = ''; inWord = false; }
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new Error('unterminated double quote');
        const d = line[i];
        if (d === '"') { i++; break; }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new Error('a backslash ends the line');
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) out.push(word);
  return out;
}
