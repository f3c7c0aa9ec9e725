package dci.app.install;

/**
 * What the installer lets a package's steps cost on a blade.
 *
 * @param maxOutputBytes output kept per command step (stdout and stderr merged; head and tail kept)
 * @param maxExtractEntries most entries one extract step may unpack
 * @param maxExtractBytes most bytes one extract step may write
 */
public record InstallLimits(int maxOutputBytes, int maxExtractEntries, long maxExtractBytes) {
  /** 16 KiB of output per step; 100 000 entries and 8 GiB per extracted archive. */
  public static final InstallLimits DEFAULT = new InstallLimits(16 * 1024, 100_000, 8L << 30);

  public InstallLimits {
    if (maxOutputBytes < 256 || maxExtractEntries < 1 || maxExtractBytes < 0) {
      throw new IllegalArgumentException("install limits too small: " + maxOutputBytes + " output bytes, "
          + maxExtractEntries + " entries, " + maxExtractBytes + " bytes");
    }
  }
}
