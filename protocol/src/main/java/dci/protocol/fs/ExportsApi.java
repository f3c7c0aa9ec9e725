package dci.protocol.fs;

import dci.protocol.api.ApiRoute;
import java.util.List;

/**
 * The exports' routes under {@code /api}: the folders each blade exports and their files, the
 * blades' part of the shell's tree. Any blade answers for blade B (passing the request on to B
 * with the caller's token); paths are {@code /EXPORT/...}, confined to the export.
 */
public final class ExportsApi {
  private ExportsApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("exports", List.of(
      ApiRoute.listOf("GET", "/api/exports?blade=B", "viewer", null, ExportSpec.class, "the folders blade B exports"),
      ApiRoute.of("POST", "/api/exports", "admin", ExportSpec.class, ExportSpec.class,
          "export a folder of a blade (an absolute path of a folder there) under a name"),
      ApiRoute.of("DELETE", "/api/exports?blade=B&name=N", "admin", null, null, "stop exporting N (its files stay)"),
      ApiRoute.listOf("GET", "/api/fs/list?blade=B&path=P", "viewer", null, FileEntry.class,
          "the entries of folder P (a file lists as itself)"),
      ApiRoute.of("GET", "/api/fs/stat?blade=B&path=P", "viewer", null, FileEntry.class, "one file or folder"),
      ApiRoute.of("GET", "/api/fs/read?blade=B&path=P", "viewer", null, null,
          "the bytes of file P (application/octet-stream, streamed)"),
      ApiRoute.of("PUT", "/api/fs/write?blade=B&path=P", "operator", null, FileEntry.class,
          "write file P from the body's bytes (streamed; moved in place once whole); 403 in a read-only export"),
      ApiRoute.of("POST", "/api/fs/mkdir?blade=B&path=P", "operator", null, FileEntry.class,
          "make folder P and any missing parents"),
      ApiRoute.of("DELETE", "/api/fs/remove?blade=B&path=P[&recursive=true]", "operator", null, null,
          "remove file P (or folder P and all below it, recursive)"),
      ApiRoute.of("POST", "/api/fs/move?blade=B&path=P&to=Q", "operator", null, null, "move P to Q on the same blade"),
      ApiRoute.of("POST", "/api/fs/copy", "operator", CopyRequest.class, FileEntry.class,
          "copy a file between blades' exports and the VNAS: the target blade pulls it from the source, a file for the "
              + "VNAS is put there by the blade holding it; the caller's machine carries none of it")));
}
