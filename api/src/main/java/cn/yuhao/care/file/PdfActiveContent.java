package cn.yuhao.care.file;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;

/**
 * Finds what a PDF would do on its own when opened: JavaScript, launch and submit actions, automatic actions
 * (OpenAction, AA), embedded files, rich media, XFA forms. Walks every object reachable from the trailer, so a
 * script hidden in an object stream or a page's annotation is found too.
 */
final class PdfActiveContent {
  private static final Set<String> KEYS = Set.of(
      "JS", "JavaScript", "OpenAction", "AA", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA");
  private static final Set<String> ACTIONS =
      Set.of("JavaScript", "Launch", "SubmitForm", "ImportData", "GoToE", "RichMediaExecute");
  /** A bound on the walk: a hostile file with millions of objects is refused rather than walked. */
  private static final int MAX_OBJECTS = 200_000;

  private PdfActiveContent() {}

  /** The name of the first active feature found, or null when there is none. */
  static String find(COSDictionary trailer) {
    Map<COSBase, Boolean> seen = new IdentityHashMap<>();
    Deque<COSBase> todo = new ArrayDeque<>();
    todo.push(trailer);
    while (!todo.isEmpty()) {
      COSBase b = todo.pop();
      if (b instanceof COSObject o) {
        b = o.getObject();
      }
      if (b == null || seen.put(b, Boolean.TRUE) != null) {
        continue;
      }
      if (seen.size() > MAX_OBJECTS) {
        return "对象过多";
      }
      if (b instanceof COSDictionary d) {
        for (COSName key : d.keySet()) {
          if (KEYS.contains(key.getName())) {
            return key.getName();
          }
        }
        COSName action = d.getCOSName(COSName.S);
        if (action != null && ACTIONS.contains(action.getName())) {
          return action.getName();
        }
        d.getValues().forEach(todo::push);
      } else if (b instanceof COSArray a) {
        a.forEach(todo::push);
      }
    }
    return null;
  }
}
