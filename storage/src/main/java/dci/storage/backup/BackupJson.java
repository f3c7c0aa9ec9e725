package dci.storage.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dci.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON of catalogs and of blade-to-blade backup calls (ISO times; unknown fields refused). */
public final class BackupJson {
  /**
   * The project's settings but one: catalogs stay on the peers' disks across versions, and one
   * written before a number field was added must still read (as 0), not fail the restore.
   */
  private static final ObjectMapper MAPPER = Json.configure(JsonMapper.builder())
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
  static final TypeReference<List<ArchiveFile>> FILES = new TypeReference<>() {};
  static final TypeReference<List<Archive>> ARCHIVES = new TypeReference<>() {};
  static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private BackupJson() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code bytes}; malformed input is an {@link IllegalArgumentException}. */
  public static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed backup JSON: " + firstLine(e.getMessage()), e);
    }
  }

  public static <T> T read(byte[] bytes, TypeReference<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed backup JSON: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl > 0 ? s.substring(0, nl) : s;
  }
}
