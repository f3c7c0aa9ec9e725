package dci.app.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import dci.protocol.Json;
import dci.protocol.resources.ResourceSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource samples on the blade's disk: {@code DATA/resources/samples.jsonl}, one JSON
 * sample a line, appended as samples arrive and rewritten whole (through a temporary file and an
 * atomic rename) when the store is thinned. A torn or unreadable line is skipped. Blocking: used
 * on the I/O executor only.
 */
final class ResourceFile {
  private static final ObjectMapper JSON = Json.mapper();
  private final Path file;

  ResourceFile(Path dataDir) {
    this.file = dataDir.resolve("resources").resolve("samples.jsonl");
  }

  /** Every sample in the file (none when there is no file yet). */
  List<ResourceSample> load() {
    List<ResourceSample> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        try {
          out.add(JSON.readValue(line, ResourceSample.class));
        } catch (IOException e) {
          // a line torn by a crash mid-append: the rest are whole
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Adds {@code samples} at the end. */
  void append(List<ResourceSample> samples) {
    write(samples, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Replaces the file's content with {@code samples}. */
  void rewrite(List<ResourceSample> samples) {
    Path tmp = file.resolveSibling("samples.jsonl.tmp");
    writeTo(tmp, samples, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(List<ResourceSample> samples, StandardOpenOption... options) {
    writeTo(file, samples, options);
  }

  private static void writeTo(Path target, List<ResourceSample> samples, StandardOpenOption... options) {
    try {
      Files.createDirectories(target.getParent());
      try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, options)) {
        for (ResourceSample s : samples) {
          out.write(JSON.writeValueAsString(s));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
