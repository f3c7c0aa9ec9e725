package dci.protocol.aims;

import java.util.List;

/**
 * What {@code dci aims patch} sends ({@code POST /api/aims/patch}).
 *
 * @param on the blades: all, B1,B2 or role:R (patched in the directory's order, one at a time)
 * @param dryRun simulate only ({@code apt-get -s}), on every blade at once
 * @param packages upgrade only these OS packages (empty: everything the package cache has newer)
 * @param dciPackage instead of OS packages, bring this DCI package to its newest published version
 *     (through each blade's installer; not with dryRun)
 */
public record PatchRequest(String on, boolean dryRun, List<String> packages, String dciPackage) {
  public PatchRequest {
    packages = packages == null ? List.of() : List.copyOf(packages);
  }
}
