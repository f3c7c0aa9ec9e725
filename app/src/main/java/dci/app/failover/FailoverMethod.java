package dci.app.failover;

/** The seed's three ways of moving a failed blade's users to a replacement. */
public enum FailoverMethod {
  /** Fig. 6: the blade is failing but readable: copy its data to the spare now, then switch. */
  copy_after_detection,
  /** Fig. 7: the spare is kept current by the mirror backup: restore from it and switch at once. */
  pre_copied,
  /** Fig. 8: switch at once, restore the latest backup from the blades holding it in the background. */
  from_backup;

  /** Reads "pre-copied", "pre_copied", "fig7" and the like. */
  public static FailoverMethod parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    return switch (t) {
      case "fig6", "copy_after_detection", "copy" -> copy_after_detection;
      case "fig7", "pre_copied", "mirror" -> pre_copied;
      case "fig8", "from_backup", "backup" -> from_backup;
      default -> throw new IllegalArgumentException("unknown fail-over method '" + text
          + "': one of copy-after-detection (fig6), pre-copied (fig7), from-backup (fig8), auto");
    };
  }
}
