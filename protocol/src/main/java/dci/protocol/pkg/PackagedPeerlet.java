package dci.protocol.pkg;

/**
 * A peerlet shipped in a package: once the package is installed, the peerlet manager can load
 * {@code mainClass} from {@code jar} and spawn it for messages to {@code appType}.
 *
 * @param appType the envelope app type it serves
 * @param mainClass fully qualified class implementing the peerlet
 * @param jar path of the jar relative to the install directory (put there by a step)
 */
public record PackagedPeerlet(String appType, String mainClass, String jar) {
  public PackagedPeerlet {
    PackageNames.requireAppType(appType);
    PackageNames.requireClassName(mainClass);
    PackagePaths.requireInstallPath("peerlet jar", jar);
  }
}
