/**
 * The database: the connection pool, the embedded MariaDB for development and tests, Flyway migrations, backup and
 * restore, and small JDBC helpers.
 */
package cn.yuhao.care.db;
