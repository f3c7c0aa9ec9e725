package dci.storage.webdav;

import static dci.storage.webdav.DavRoutes.done;
import static dci.storage.webdav.DavRoutes.error;

import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasException;
import dci.storage.vnas.VnasLock;
import dci.storage.vnas.VnasPath;
import dci.storage.vnas.VnasVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/** The WebDAV methods themselves; {@link DavRoutes} authenticates and dispatches. */
final class DavMethods {
  /**
   * Most entries of a Depth: infinity PROPFIND (RFC 4918 lets a server refuse those): it walks a
   * whole subtree first. A Depth 1 listing has no cap: it is streamed (DavRoutes#multistatus).
   */
  private static final int MAX_TREE_ENTRIES = 10_000;
  private final ActorSystem<?> system;
  private final VnasVolume volume;
  private final DavLocking locking;

  DavMethods(ActorSystem<?> system, VnasVolume volume, DavLocking locking) {
    this.system = system;
    this.volume = volume;
    this.locking = locking;
  }

  // ---- GET / HEAD (HEAD is a GET whose body the server drops)

  CompletionStage<HttpResponse> get(HttpRequest req, VnasPath path) {
    return volume.stat(path).thenCompose(found -> {
      VnasEntry e = found.orElseThrow(() -> VnasException.notFound(path));
      if (e.collection()) {
        return listing(path);
      }
      ContentType type = contentType(e.contentType());
      List<org.apache.pekko.http.javadsl.model.HttpHeader> headers = new ArrayList<>(List.of(
          RawHeader.create("ETag", e.etag()),
          RawHeader.create("Last-Modified", DavHref.httpDate(e.modified())),
          RawHeader.create("Accept-Ranges", "bytes")));
      headers.addAll(ServedAs.headers(path, type));
      if (req.getHeader("If-None-Match").map(h -> matches(h.value(), e.etag())).orElse(false)) {
        return done(HttpResponse.create().withStatus(304).addHeaders(headers));
      }
      Optional<long[]> range;
      try {
        range = req.getHeader("Range").flatMap(h -> Ranges.parse(h.value(), e.size()));
      } catch (Ranges.UnsatisfiableException x) {
        return done(error(416, "range not satisfiable").addHeader(RawHeader.create("Content-Range", "bytes */" + e.size())));
      }
      if (range.isPresent()) {
        long from = range.get()[0];
        long len = range.get()[1] - from + 1;
        return done(HttpResponse.create().withStatus(206).addHeaders(headers)
            .addHeader(RawHeader.create("Content-Range", "bytes " + from + "-" + range.get()[1] + "/" + e.size()))
            .withEntity(HttpEntities.create(type, len, volume.read(e, from, len))));
      }
      HttpResponse ok = HttpResponse.create().withStatus(200).addHeaders(headers);
      Optional<CompletionStage<ByteString>> whole = req.method().equals(HttpMethods.GET)
          ? volume.readWhole(e) : Optional.empty();
      if (whole.isPresent()) {
        return whole.get().thenApply(b -> ok.withEntity(HttpEntities.create(type, b)));
      }
      return done(e.size() == 0 ? ok.withEntity(HttpEntities.create(type, new byte[0]))
          : ok.withEntity(HttpEntities.create(type, e.size(), volume.read(e, 0, e.size()))));
    });
  }

  private CompletionStage<HttpResponse> listing(VnasPath dir) {
    return volume.index().children(dir).thenApply(children -> {
      String title = DavXml.escape(dir.toString());
      String head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
          + title + "</h1><ul>";
      return HttpResponse.create().addHeader(ServedAs.NOSNIFF).withEntity(DavRoutes.listingOf(
          ContentTypes.TEXT_HTML_UTF8, head, children, c -> "<li><a href=\""
              + DavXml.escape(DavHref.of(c.vnasPath(), c.collection())) + "\">" + DavXml.escape(c.vnasPath().name())
              + (c.collection() ? "/" : "") + "</a> " + (c.collection() ? "" : c.size() + " bytes") + "</li>",
          "</ul></body></html>"));
    });
  }

  // ---- PUT

  CompletionStage<HttpResponse> put(HttpRequest req, VnasPath path) {
    // the parent is looked up beside the file itself (it is needed only if the checks pass)
    CompletionStage<VnasEntry> parent = path.isRoot() ? null : volume.requireParent(path);
    return volume.stat(path).thenCompose(existing -> {
      if (DavRoutes.isCollection(existing)) {
        throw new VnasException(405, path + " is a collection");
      }
      preconditions(req, existing);
      List<VnasPath> covered = existing.isPresent() ? List.of(path) : List.of(path, path.parent());
      return locking.checkWrite(header(req, "If"), path, covered, List.of());
    }).thenCompose(ok -> {
      ContentType ct = req.entity().getContentType();
      String type = ct.equals(ContentTypes.NO_CONTENT_TYPE) ? null : ct.toString();
      return volume.write(path, req.entity().withoutSizeLimit().getDataBytes(), type, parent);
    }).thenApply(w -> HttpResponse.create().withStatus(w.created() ? 201 : 204)
        .addHeader(RawHeader.create("ETag", w.entry().etag())));
  }

  private static void preconditions(HttpRequest req, Optional<VnasEntry> existing) {
    Optional<String> ifMatch = header(req, "If-Match");
    if (ifMatch.isPresent() && (existing.isEmpty() || !matches(ifMatch.get(), existing.get().etag()))) {
      throw new VnasException(412, "If-Match does not hold");
    }
    Optional<String> ifNone = header(req, "If-None-Match");
    if (ifNone.isPresent() && existing.isPresent() && matches(ifNone.get(), existing.get().etag())) {
      throw new VnasException(412, "If-None-Match does not hold");
    }
  }

  private static boolean matches(String header, String etag) {
    for (String t : header.split(",")) {
      String s = t.trim();
      if (s.equals("*") || s.equals(etag) || s.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  // ---- DELETE, MKCOL

  CompletionStage<HttpResponse> delete(HttpRequest req, VnasPath path) {
    req.discardEntityBytes(system);
    return volume.stat(path).thenCompose(e -> {
      e.orElseThrow(() -> VnasException.notFound(path));
      return locking.checkWrite(header(req, "If"), path, List.of(path, path.parent()), List.of(path));
    }).thenCompose(ok -> volume.delete(path))
        .thenCompose(d -> locking.dropBelow(path))
        .thenApply(d -> HttpResponse.create().withStatus(204));
  }

  CompletionStage<HttpResponse> mkcol(HttpRequest req, VnasPath path) {
    if (!req.entity().isKnownEmpty()) {
      req.discardEntityBytes(system);
      return done(error(415, "MKCOL with a body is not supported"));
    }
    return locking.checkWrite(header(req, "If"), path, List.of(path, path.parent()), List.of())
        .thenCompose(ok -> volume.mkcol(path))
        .thenApply(d -> HttpResponse.create().withStatus(201));
  }

  // ---- COPY, MOVE

  CompletionStage<HttpResponse> copyMove(HttpRequest req, VnasPath from, boolean move) {
    req.discardEntityBytes(system);
    Optional<String> dest = header(req, "Destination");
    if (dest.isEmpty()) {
      return done(error(400, "a Destination header is required"));
    }
    VnasPath to = DavHref.parseUri(dest.get());
    boolean overwrite = !header(req, "Overwrite").map(String::trim).orElse("T").equalsIgnoreCase("F");
    String depth = header(req, "Depth").map(String::trim).orElse("infinity");
    if (!depth.equalsIgnoreCase("infinity") && !(depth.equals("0") && !move)) {
      return done(error(400, "Depth must be infinity" + (move ? "" : " or 0")));
    }
    if (from.equals(to)) {
      return done(error(403, "source and destination are the same"));
    }
    List<VnasPath> covered = new ArrayList<>(List.of(to, to.parent()));
    List<VnasPath> trees = new ArrayList<>(List.of(to));
    if (move) {
      covered.addAll(List.of(from, from.parent()));
      trees.add(from);
    }
    return locking.checkWrite(header(req, "If"), from, covered, trees)
        .thenCompose(ok -> volume.copy(from, to, depth.equalsIgnoreCase("infinity"), overwrite, move))
        .thenCompose(existed -> (move ? locking.dropBelow(from) : CompletableFuture.<Void>completedFuture(null))
            .thenApply(d -> HttpResponse.create().withStatus(existed ? 204 : 201)));
  }

  // ---- PROPFIND, PROPPATCH

  CompletionStage<HttpResponse> propfind(HttpRequest req, VnasPath path) {
    String depth = header(req, "Depth").map(String::trim).orElse("infinity");
    if (!depth.equals("0") && !depth.equals("1") && !depth.equalsIgnoreCase("infinity")) {
      req.discardEntityBytes(system);
      return done(error(400, "Depth must be 0, 1 or infinity"));
    }
    return body(req).thenCompose(bytes -> {
      DavProps.Request request = DavProps.parsePropfind(bytes);
      return volume.stat(path).thenCompose(found -> {
        VnasEntry e = found.orElseThrow(() -> VnasException.notFound(path));
        CompletionStage<List<VnasEntry>> entries = !e.collection() || depth.equals("0")
            ? CompletableFuture.completedFuture(List.of(e))
            : depth.equals("1")
                ? volume.index().children(path).thenApply(c -> {
                  List<VnasEntry> all = new ArrayList<>(List.of(e));
                  all.addAll(c);
                  return all;
                })
                : volume.index().tree(path).thenApply(t -> {
                  List<VnasEntry> all = new ArrayList<>(List.of(e));
                  t.stream().filter(x -> !x.vnasPath().equals(path)).forEach(all::add);
                  return all;
                });
        return entries.thenCombine(locking.live(), (list, locks) -> {
          if (list.size() > MAX_TREE_ENTRIES && depth.equalsIgnoreCase("infinity")) {
            return DavRoutes.xml(403, "<D:error xmlns:D=\"DAV:\"><D:propfind-finite-depth/></D:error>");
          }
          return DavRoutes.multistatus(list, x -> {
            VnasPath p = x.vnasPath();
            List<VnasLock> on = locks.isEmpty() ? List.of() : locks.stream().filter(l -> l.covers(p)).toList();
            return DavProps.response(DavHref.of(p, x.collection()), x, on, request);
          });
        });
      });
    });
  }

  CompletionStage<HttpResponse> proppatch(HttpRequest req, VnasPath path) {
    return body(req).thenCompose(bytes -> {
      List<DavProps.Change> changes = DavProps.parsePropertyUpdate(bytes);
      return volume.stat(path).thenCompose(found -> {
        VnasEntry e = found.orElseThrow(() -> VnasException.notFound(path));
        return locking.checkWrite(header(req, "If"), path, List.of(path), List.of()).thenCompose(ok -> {
          String href = DavHref.of(path, e.collection());
          Map<String, String> props = DavRoutes.mutable(e.props());
          for (DavProps.Change c : changes) {
            if (c.remove()) {
              props.remove(c.key());
            } else {
              props.put(c.key(), c.xml());
            }
          }
          // all or nothing (RFC 4918 9.2): one refused instruction fails the others with 424
          List<DavProps.Refusal> refused = DavProps.refusals(changes, props);
          if (!refused.isEmpty()) {
            return done(DavRoutes.multistatus(DavProps.refused(href, changes, refused)));
          }
          return volume.setProps(path, props).thenApply(d -> {
            StringBuilder b = new StringBuilder("<D:response><D:href>").append(DavXml.escape(href))
                .append("</D:href><D:propstat><D:prop>");
            changes.forEach(c -> b.append(DavXml.emptyElement(c.key())));
            return DavRoutes.multistatus(b.append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>")
                .toString());
          });
        });
      });
    });
  }

  // ---- LOCK, UNLOCK

  CompletionStage<HttpResponse> lock(HttpRequest req, VnasPath path, DavAuth.User user) {
    long seconds = DavLocking.timeout(header(req, "Timeout"));
    return body(req).thenCompose(bytes -> {
      if (bytes.length == 0) {
        var tokens = header(req, "If").map(IfHeader::parse).map(IfHeader::tokens).orElse(java.util.Set.of());
        if (tokens.isEmpty()) {
          throw new VnasException(400, "a lock refresh needs the lock token in an If header");
        }
        return locking.refresh(tokens.iterator().next(), path, seconds)
            .thenApply(l -> lockResponse(200, l));
      }
      LockRequest asked = LockRequest.parse(bytes);
      String depth = header(req, "Depth").map(String::trim).orElse("infinity");
      if (!depth.equals("0") && !depth.equalsIgnoreCase("infinity")) {
        throw new VnasException(400, "Depth of a lock must be 0 or infinity");
      }
      String ownerXml = asked.ownerXml();
      if (ownerXml != null && DavXml.utf8Length(ownerXml) > DavLocking.MAX_OWNER) {
        throw new VnasException(400, "a lock's owner may hold at most " + DavLocking.MAX_OWNER + " bytes of XML; this"
            + " one has " + DavXml.utf8Length(ownerXml));
      }
      VnasLock wanted = DavRoutes.lockFor(DavRoutes.newToken(), path, !depth.equals("0"), asked.exclusive(), ownerXml,
          user.name(), seconds);
      return volume.stat(path).thenCompose(existing -> {
        CompletionStage<Boolean> ready = existing.isPresent() ? CompletableFuture.completedFuture(false)
            : volume.requireParent(path).thenCompose(p ->
                locking.checkWrite(header(req, "If"), path, List.of(path.parent()), List.of())).thenApply(x -> true);
        return ready.thenCompose(create -> locking.lock(wanted).thenCompose(l -> create
            ? volume.write(path, Source.<ByteString>empty(), null).thenApply(w -> lockResponse(201, l))
            : CompletableFuture.completedFuture(lockResponse(200, l))));
      });
    });
  }

  private static HttpResponse lockResponse(int status, VnasLock l) {
    return DavRoutes.xml(status, "<D:prop xmlns:D=\"DAV:\"><D:lockdiscovery>" + DavProps.activeLock(l)
        + "</D:lockdiscovery></D:prop>").addHeader(RawHeader.create("Lock-Token", "<" + l.token() + ">"));
  }

  CompletionStage<HttpResponse> unlock(HttpRequest req, VnasPath path, DavAuth.User user) {
    req.discardEntityBytes(system);
    Optional<String> token = header(req, "Lock-Token").map(String::trim)
        .map(t -> t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t);
    if (token.isEmpty()) {
      return done(error(400, "a Lock-Token header is required"));
    }
    return locking.unlock(token.get(), path, user).thenApply(d -> HttpResponse.create().withStatus(204));
  }

  // ---- helpers

  private CompletionStage<byte[]> body(HttpRequest req) {
    return req.entity().withSizeLimit(DavXml.MAX_BODY).toStrict(30_000, system)
        .thenApply(s -> s.getData().toArray());
  }

  static Optional<String> header(HttpRequest req, String name) {
    return req.getHeader(name).map(h -> h.value());
  }

  private static ContentType contentType(String stored) {
    if (stored != null) {
      var parsed = org.apache.pekko.http.scaladsl.model.ContentType.parse(stored);
      if (parsed.isRight()) {
        return parsed.toOption().get();
      }
    }
    return ContentTypes.APPLICATION_OCTET_STREAM;
  }
}
