/**
 * Health, readiness (database reachable and migrated) and Prometheus metrics.
 */
package cn.yuhao.care.ops;
