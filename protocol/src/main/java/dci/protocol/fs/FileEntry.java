package dci.protocol.fs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One file or folder of an export, as {@code /api/fs/list} and {@code /api/fs/stat} answer.
 *
 * @param name the entry's name (the last part of its path)
 * @param dir true for a folder
 * @param size bytes of a file, 0 for a folder
 * @param modified when it last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileEntry(String name, boolean dir, long size, Instant modified) {}
