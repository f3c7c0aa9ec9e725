package dci.app.install;

import dci.protocol.pkg.VerifiedPackage;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and with what a list of steps runs.
 *
 * @param pkg the package whose payload copy and extract steps read; null for uninstall steps
 * @param dir the directory the steps work in (staging, or the install directory to uninstall)
 * @param env the environment of commands, before each step's own variables
 * @param limits output and extraction caps
 */
record StepContext(VerifiedPackage pkg, Path dir, Map<String, String> env, InstallLimits limits) {}
