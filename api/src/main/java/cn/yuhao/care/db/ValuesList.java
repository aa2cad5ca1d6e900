package cn.yuhao.care.db;

import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** Many rows in one statement: {@code <rows>} in the SQL becomes {@code (?, ?), (?, ?), ...}, bound in order. */
public final class ValuesList {
  private ValuesList() {}

  /** Runs the statement for the rows (all of one width; at least one) and returns the affected-row count. */
  public static int execute(Handle h, String sql, List<Object[]> rows) {
    String one = "(" + String.join(", ", Collections.nCopies(rows.get(0).length, "?")) + ")";
    Update u = h.createUpdate(sql).define("rows", String.join(", ", Collections.nCopies(rows.size(), one)));
    int i = 0;
    for (Object[] row : rows) {
      for (Object value : row) {
        u.bind(i++, value);
      }
    }
    return u.execute();
  }
}
