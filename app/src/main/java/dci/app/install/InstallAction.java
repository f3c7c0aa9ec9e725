package dci.app.install;

/** What an {@link Installer} call did (or tried to do). */
public enum InstallAction {
  /** First installation of the package on this blade. */
  INSTALL,
  /** A newer version over an installed older one. */
  UPGRADE,
  /** Removal of the installed package. */
  UNINSTALL,
  /** Nothing to do: the same version is installed already, or nothing to uninstall. */
  UNCHANGED
}
