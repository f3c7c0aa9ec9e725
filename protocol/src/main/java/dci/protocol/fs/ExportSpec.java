package dci.protocol.fs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One exported folder of a blade, seen in the shell as {@code /blades/BLADE/NAME/}.
 *
 * @param blade the blade whose disk holds the folder
 * @param name the export's name in the virtual tree (letters, digits, '.', '-', '_')
 * @param path the folder on the blade's disk (absolute)
 * @param readOnly true when nobody writes through the export, operators included
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportSpec(String blade, String name, String path, boolean readOnly) {

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

  /** {@code name} if it is a valid export name, else an IllegalArgumentException saying why. */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.equals("..")) {
      throw new IllegalArgumentException("invalid export name '" + dci.protocol.auth.Names.printable(name)
          + "': 1-64 letters, digits, '.', '-' or '_', not starting with '.' or '-'");
    }
    return name;
  }
}
