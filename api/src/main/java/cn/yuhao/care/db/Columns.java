package cn.yuhao.care.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.StatementContext;

/** Column reads for hand-written row mappers, through Jdbi's own mappers so UTC handling stays in one place. */
public final class Columns {
  private Columns() {}

  public static Instant instant(ResultSet rs, String column, StatementContext ctx)
      throws SQLException {
    return ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, column, ctx);
  }
}
