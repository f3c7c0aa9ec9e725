package dci.protocol.pkg.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /api/install}, {@code /api/uninstall} and {@code /api/follow}: the package
 * and the blades it is for.
 *
 * @param version install only; null for the newest published
 * @param on {@code all}, {@code role:ROLE}, or blade names separated by commas
 * @param follow follow only: false to stop following (null: true)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetedRequest(String name, String version, String on, Boolean follow) {}
