/**
 * Demo data for {@code serve --demo}: a district with admins, volunteers, children, pairings, care records, a
 * troupe and a merchant, made through the services.
 */
package cn.yuhao.care.demo;
