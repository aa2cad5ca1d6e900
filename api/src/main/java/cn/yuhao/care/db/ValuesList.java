package cn.yuhao.care.db;

import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Many rows in one statement: {@code <name>} in the SQL becomes {@code (?, ?), (?, ?), ...}, bound in order — a
 * multi-row VALUES list, or a row-constructor IN list ({@code (a, b) IN (<pairs>)}, which MySQL, MariaDB and TiDB
 * look up pair by pair in an index on (a, b)). The statement must have no other positional parameters.
 */
public final class ValuesList {
  private ValuesList() {}

  /** Defines and binds the rows (all of one width; at least one). */
  public static <S extends SqlStatement<S>> S bind(S statement, String name, List<Object[]> rows) {
    String one = "(" + String.join(", ", Collections.nCopies(rows.get(0).length, "?")) + ")";
    statement.define(name, String.join(", ", Collections.nCopies(rows.size(), one)));
    int i = 0;
    for (Object[] row : rows) {
      for (Object value : row) {
        statement.bind(i++, value);
      }
    }
    return statement;
  }

  /** Runs a statement with {@code <rows>} for the rows and returns the affected-row count. */
  public static int execute(Handle h, String sql, List<Object[]> rows) {
    return bind(h.createUpdate(sql), "rows", rows).execute();
  }
}
