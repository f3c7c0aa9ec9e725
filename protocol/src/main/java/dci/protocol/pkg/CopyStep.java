package dci.protocol.pkg;

/**
 * Copies a payload file into the install directory, creating parent directories and replacing
 * a file already there.
 *
 * @param from path of the payload file in the package (listed in the manifest's files)
 * @param to destination relative to the install directory; absent means the same as {@code from}
 */
public record CopyStep(String from, String to) implements Step {
  public CopyStep {
    PackagePaths.requireRelative("copy from", from);
    to = to == null || to.isEmpty() ? from : to;
    PackagePaths.requireInstallPath("copy to", to);
  }

  @Override
  public String kind() {
    return "copy";
  }

  @Override
  public String describe() {
    return "copy " + from + " to " + to;
  }
}
