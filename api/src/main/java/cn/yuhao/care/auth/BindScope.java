package cn.yuhao.care.auth;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizerFactory;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizingAnnotation;
import org.jdbi.v3.sqlobject.customizer.SqlStatementParameterCustomizer;

/**
 * Applies a {@link Scope} parameter to a SqlObject query: the SQL writes {@code <scope>} where the
 * condition goes, and this defines it over the table alias's {@code district_code} and {@code street}
 * columns (every scoped table has both), binding the values. Example:
 * {@code SELECT … FROM children c WHERE c.id = :id AND <scope>} with {@code @BindScope("c") Scope scope}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@SqlStatementCustomizingAnnotation(BindScope.Factory.class)
public @interface BindScope {
  /** The alias of the table whose district_code/street columns are filtered. */
  String value();

  final class Factory implements SqlStatementCustomizerFactory {
    @Override
    public SqlStatementParameterCustomizer createForParameter(Annotation annotation, Class<?> sqlObjectType,
        Method method, Parameter param, int index, Type paramType) {
      String alias = ((BindScope) annotation).value();
      return (stmt, arg) -> apply(stmt, alias, (Scope) arg);
    }

    static void apply(SqlStatement<?> stmt, String alias, Scope scope) {
      if (scope == null || scope.isEmpty()) {
        stmt.define("scope", "1 = 0");
        return;
      }
      if (scope.all()) {
        stmt.define("scope", "1 = 1");
        return;
      }
      List<String> terms = new ArrayList<>();
      int i = 0;
      for (String d : scope.districts()) {
        terms.add(alias + ".district_code = :scope_d" + i);
        stmt.bind("scope_d" + i++, d);
      }
      int j = 0;
      for (Scope.DistrictStreet s : scope.streets()) {
        terms.add("(" + alias + ".district_code = :scope_sd" + j + " AND " + alias + ".street = :scope_ss" + j + ")");
        stmt.bind("scope_sd" + j, s.districtCode());
        stmt.bind("scope_ss" + j++, s.street());
      }
      stmt.define("scope", "(" + String.join(" OR ", terms) + ")");
    }
  }

}
