/**
 * The service: {@code Main} (commands), {@code App} (wiring, start and stop in order) and {@code ApiRoutes} (the
 * one route table, with every route's roles). Features live in the sub-packages; docs/ARCHITECTURE.md maps them.
 */
package cn.yuhao.care;
