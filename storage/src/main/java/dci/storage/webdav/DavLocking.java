package dci.storage.webdav;

import dci.storage.vnas.VnasEntry;
import dci.storage.vnas.VnasException;
import dci.storage.vnas.VnasIndex;
import dci.storage.vnas.VnasLock;
import dci.storage.vnas.VnasLocks;
import dci.storage.vnas.VnasPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WebDAV locking over the replicated lock table: new locks, refreshes and removals are decided
 * by the volume's one lock owner ({@link VnasLocks}); here is the check
 * every modifying request passes: its If header must hold (412 otherwise) and it must submit
 * the token of every lock on what it changes (423 otherwise).
 */
public final class DavLocking {
  public static final long DEFAULT_TIMEOUT = 3600;
  public static final long MAX_TIMEOUT = 7 * 24 * 3600;
  /** Most bytes of a lock's owner XML (LOCK's DAV:owner, kept with the lock on every blade). */
  public static final int MAX_OWNER = 4096;
  private final VnasIndex index;
  private final VnasLocks owner;

  public DavLocking(VnasIndex index, VnasLocks owner) {
    this.index = index;
    this.owner = owner;
  }

  /** Live (unexpired) locks. */
  public CompletionStage<List<VnasLock>> live() {
    long now = System.currentTimeMillis();
    return index.locks().thenApply(m -> m.values().stream().filter(l -> !l.expired(now)).toList());
  }

  /** Live locks covering {@code path}. */
  public CompletionStage<List<VnasLock>> on(VnasPath path) {
    return live().thenApply(ls -> ls.stream().filter(l -> l.covers(path)).toList());
  }

  /**
   * The check before a change. {@code covered}: paths whose covering locks apply; {@code trees}:
   * paths whose locks below apply too (DELETE, MOVE, overwriting COPY).
   */
  public CompletionStage<Void> checkWrite(Optional<String> ifHeader, VnasPath requestPath, List<VnasPath> covered,
      List<VnasPath> trees) {
    IfHeader parsed;
    try {
      parsed = ifHeader.map(IfHeader::parse).orElse(null);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new VnasException(400, e.getMessage()));
    }
    return live().thenCompose(locks -> evaluate(parsed, requestPath, locks).thenApply(ok -> {
      if (!ok) {
        throw new VnasException(412, "the If header's conditions do not hold");
      }
      Set<String> submitted = parsed == null ? Set.of() : parsed.tokens();
      for (VnasLock l : locks) {
        boolean applies = covered.stream().anyMatch(l::covers)
            || trees.stream().anyMatch(t -> l.covers(t) || t.contains(VnasPath.parse(l.root())));
        if (applies && !submitted.contains(l.token())) {
          throw new VnasException(423, l.root() + " is locked");
        }
      }
      return null;
    }));
  }

  private CompletionStage<Boolean> evaluate(IfHeader h, VnasPath requestPath, List<VnasLock> locks) {
    if (h == null) {
      return CompletableFuture.completedFuture(true);
    }
    Map<VnasPath, CompletableFuture<Optional<VnasEntry>>> entries = new HashMap<>();
    List<VnasPath> targets = new ArrayList<>();
    for (IfHeader.IfList list : h.lists()) {
      VnasPath p;
      try {
        p = list.resource() == null ? requestPath : DavHref.parseUri(list.resource());
      } catch (IllegalArgumentException e) {
        p = null; // a tag outside the volume never matches
      }
      targets.add(p);
      if (p != null) {
        entries.computeIfAbsent(p, x -> index.get(x).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(entries.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
      for (int i = 0; i < h.lists().size(); i++) {
        VnasPath p = targets.get(i);
        if (p == null) {
          continue;
        }
        Optional<VnasEntry> e = entries.get(p).join();
        boolean all = true;
        for (IfHeader.Condition c : h.lists().get(i).conditions()) {
          boolean holds;
          if (c.token() != null) {
            holds = locks.stream().anyMatch(l -> l.token().equals(c.token()) && l.covers(p));
          } else {
            holds = e.isPresent() && sameTag(e.get().etag(), c.etag());
          }
          if (holds == c.not()) {
            all = false;
            break;
          }
        }
        if (all) {
          return true;
        }
      }
      return false;
    });
  }

  private static boolean sameTag(String a, String b) {
    return strip(a).equals(strip(b));
  }

  private static String strip(String t) {
    return t.startsWith("W/") ? t.substring(2) : t;
  }

  /** Takes a new lock, refusing (423) if it conflicts with a live one (decided by the one lock owner). */
  public CompletionStage<VnasLock> lock(VnasLock wanted) {
    return owner.take(wanted);
  }

  /** Refreshes the lock {@code token} if it covers {@code path}. */
  public CompletionStage<VnasLock> refresh(String token, VnasPath path, long seconds) {
    return owner.refresh(token, path, seconds);
  }

  /**
   * Removes the lock {@code token} if it covers {@code path} (409 otherwise) and {@code user}
   * took it or is an admin (403 otherwise: a lock token is no secret, PROPFIND shows it).
   */
  public CompletionStage<Void> unlock(String token, VnasPath path, DavAuth.User user) {
    return owner.release(token, path, user.name(), user.admin()).thenApply(l -> null);
  }

  /** Drops the locks rooted at or below {@code path} (after DELETE or MOVE). */
  public CompletionStage<Void> dropBelow(VnasPath path) {
    return owner.dropBelow(path).thenApply(l -> null);
  }

  /** Seconds from a {@code Timeout} header ({@code Second-N}, {@code Infinite}), capped. */
  public static long timeout(Optional<String> header) {
    if (header.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    for (String part : header.get().split(",")) {
      String p = part.trim();
      if (p.equalsIgnoreCase("Infinite")) {
        return MAX_TIMEOUT;
      }
      if (p.regionMatches(true, 0, "Second-", 0, 7)) {
        try {
          return Math.max(1, Math.min(MAX_TIMEOUT, Long.parseLong(p.substring(7))));
        } catch (NumberFormatException e) {
          // try the next one
        }
      }
    }
    return DEFAULT_TIMEOUT;
  }
}
