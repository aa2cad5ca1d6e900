package cn.yuhao.care.auth;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Applies a {@link Scope} in SQL, the one way every DAO filters by the caller's scope: the query writes
 * {@code <scope>} where the condition goes, and this defines it over the alias's {@code district_code} and
 * {@code street} columns (every scoped table has both), binding the values. A record outside the scope is
 * simply not found. Example: {@code SELECT … FROM children c WHERE c.id = :id AND <scope>}.
 */
public final class ScopeFilter {
  private ScopeFilter() {}

  public static <S extends SqlStatement<S>> S apply(S stmt, String alias, Scope scope) {
    if (scope == null || scope.isEmpty()) {
      return stmt.define("scope", "1 = 0");
    }
    if (scope.all()) {
      return stmt.define("scope", "1 = 1");
    }
    List<String> terms = new ArrayList<>();
    int i = 0;
    for (String d : scope.districts()) {
      terms.add(alias + ".district_code = :scope_d" + i);
      stmt.bind("scope_d" + i++, d);
    }
    int j = 0;
    for (Scope.DistrictStreet s : scope.streets()) {
      terms.add("(" + alias + ".district_code = :scope_sd" + j + " AND " + alias
          + ".street = :scope_ss" + j + ")");
      stmt.bind("scope_sd" + j, s.districtCode());
      stmt.bind("scope_ss" + j++, s.street());
    }
    return stmt.define("scope", "(" + String.join(" OR ", terms) + ")");
  }
}
