package cn.yuhao.care.privacy;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL of key rotation: reading sealed columns and blind indexes in key order, writing them back. Table and column
 * names come only from {@link Rekey#COLUMNS} and {@link Reindex#INDEXES}, never from input.
 */
final class SealedColumnsDao {
  /** A row with a blind index: its id, the sealed value, the index as stored. */
  record Indexed(long id, String sealed, String index) {}

  private final Handle h;

  SealedColumnsDao(Handle h) {
    this.h = h;
  }

  /** Values in the column that the key with this id prefix did not seal. */
  int countNotSealedWith(Rekey.Column c, String activePrefix) {
    return h.createQuery("SELECT COUNT(*) FROM " + c.table() + " WHERE " + c.column()
            + " IS NOT NULL AND " + c.column() + " NOT LIKE :active")
        .bind("active", activePrefix + "%")
        .mapTo(Integer.class)
        .one();
  }

  /** The next rows not sealed with the active key (key values, then the sealed value), after {@code after}. */
  List<List<Object>> notSealedWith(
      Rekey.Column c, String activePrefix, List<Object> after, int limit) {
    String keys = String.join(", ", c.key());
    StringBuilder sql =
        new StringBuilder("SELECT " + keys + ", " + c.column() + " FROM " + c.table() + " WHERE "
            + c.column() + " IS NOT NULL AND " + c.column() + " NOT LIKE :active");
    if (after != null) {
      sql.append(" AND (").append(keys).append(") > (");
      for (int i = 0; i < after.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(":k").append(i);
      }
      sql.append(")");
    }
    sql.append(" ORDER BY ").append(keys).append(" LIMIT :limit");
    Query q = h.createQuery(sql.toString()).bind("active", activePrefix + "%").bind("limit", limit);
    for (int i = 0; after != null && i < after.size(); i++) {
      q.bind("k" + i, after.get(i));
    }
    int width = c.key().size() + 1;
    return q.map((rs, ctx) -> {
          List<Object> row = new ArrayList<>(width);
          for (int i = 1; i <= width; i++) {
            row.add(rs.getObject(i));
          }
          return row;
        })
        .list();
  }

  /** Replaces the row's sealed value, unless it changed since it was read; the rows updated (0 or 1). */
  int reseal(Rekey.Column c, List<Object> keyValues, String old, String sealed) {
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < c.key().size(); i++) {
      where.append(c.key().get(i)).append(" = :k").append(i).append(" AND ");
    }
    var u = h.createUpdate("UPDATE " + c.table() + " SET " + c.column() + " = :new WHERE " + where
            + c.column() + " = :old")
        .bind("new", sealed)
        .bind("old", old);
    for (int i = 0; i < c.key().size(); i++) {
      u.bind("k" + i, keyValues.get(i));
    }
    return u.execute();
  }

  /** Rows with a sealed value after id {@code after}, in id order. */
  List<Indexed> indexed(Reindex.Index ix, long after, int limit) {
    return h.createQuery("SELECT id, " + ix.sealed() + ", " + ix.column() + " FROM " + ix.table()
            + " WHERE id > :after AND " + ix.sealed() + " IS NOT NULL ORDER BY id LIMIT :n")
        .bind("after", after)
        .bind("n", limit)
        .map((rs, ctx) -> new Indexed(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** Every row with a sealed value (for the check after a run). */
  List<Indexed> allIndexed(Reindex.Index ix) {
    return indexed(ix, Long.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** Sets the row's index, unless its sealed value changed since it was read; the rows updated (0 or 1). */
  int setIndex(Reindex.Index ix, Indexed row, String fresh) {
    return h.createUpdate("UPDATE " + ix.table() + " SET " + ix.column()
            + " = :fresh WHERE id = :id AND " + ix.sealed() + " = :sealed")
        .bind("fresh", fresh)
        .bind("id", row.id())
        .bind("sealed", row.sealed())
        .execute();
  }
}
