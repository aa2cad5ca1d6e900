package cn.yuhao.care.db;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds every {@link Instant} as UTC text with milliseconds. Connector/J reads MariaDB 10.x's version as
 * "5.5.5-10.x", decides the server cannot store fractions and drops them from timestamp parameters: every
 * DATETIME(3) ended in .000. Text reaches MySQL, MariaDB and TiDB alike and keeps the milliseconds.
 */
final class UtcMillis extends AbstractArgumentFactory<Instant> {
  private static final DateTimeFormatter TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  UtcMillis() {
    super(Types.VARCHAR);
  }

  @Override
  protected Argument build(Instant value, ConfigRegistry config) {
    String text = TEXT.format(value);
    return (position, statement, ctx) -> statement.setString(position, text);
  }
}
