/**
 * Health, readiness (database reachable and migrated), Prometheus metrics, and the operator's commands
 * (migrate, backup, restore, rekey, reindex).
 */
package cn.yuhao.care.ops;
