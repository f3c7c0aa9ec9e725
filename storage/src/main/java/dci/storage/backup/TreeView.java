package dci.storage.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a chain of archives adds up to. Pure. */
public final class TreeView {
  private TreeView() {}

  /** The source's tree after the archives in order, deletions applied (what the next delta compares with). */
  public static Map<String, ArchiveFile> fold(List<Manifest> inOrder) {
    Map<String, ArchiveFile> view = new TreeMap<>();
    for (Manifest m : inOrder) {
      apply(view, m);
    }
    return view;
  }

  public static void apply(Map<String, ArchiveFile> view, Manifest m) {
    if (m.archive().method() == BackupMethod.snapshot) {
      view.clear();
    }
    for (ArchiveFile f : m.files()) {
      if (f.deleted()) {
        view.remove(f.path());
      } else {
        view.put(f.path(), f);
      }
    }
  }

  /**
   * What a restore up to the last of the archives writes: each path's newest copy among them.
   * Deletions are recorded but not applied (a restore never deletes), so a file deleted in a
   * later archive is still restored from the earlier one.
   */
  public static Map<String, ArchiveFile> restorable(List<Manifest> inOrder) {
    Map<String, ArchiveFile> out = new TreeMap<>();
    for (Manifest m : inOrder) {
      for (ArchiveFile f : m.files()) {
        if (!f.deleted()) {
          out.put(f.path(), f);
        }
      }
    }
    return out;
  }

  /**
   * The entries of forgotten archives (in order) folded into the kept archive that follows
   * them, so that both a restore up to it and the tree after it stay what they were: per path
   * the newest copy, then a deletion if the path's newest entry is one.
   */
  public static List<ArchiveFile> merge(List<Manifest> forgotten, Manifest kept) {
    Map<String, ArchiveFile> copy = new LinkedHashMap<>();
    Map<String, ArchiveFile> last = new LinkedHashMap<>();
    for (Manifest m : forgotten) {
      for (ArchiveFile f : m.files()) {
        if (!f.deleted()) {
          copy.put(f.path(), f);
        }
        last.put(f.path(), f);
      }
    }
    for (ArchiveFile f : kept.files()) {
      if (!f.deleted()) {
        copy.put(f.path(), f);
      }
      last.put(f.path(), f);
    }
    List<ArchiveFile> out = new java.util.ArrayList<>();
    Map<String, Boolean> done = new TreeMap<>();
    for (String p : last.keySet()) {
      if (done.put(p, true) != null) {
        continue;
      }
      ArchiveFile c = copy.get(p);
      if (c != null) {
        out.add(c);
      }
      if (last.get(p).deleted()) {
        out.add(last.get(p));
      }
    }
    return out;
  }
}
