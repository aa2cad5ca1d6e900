/**
 * The audit log: every change and every sensitive read, written in the change's transaction; read by city admins.
 */
package cn.yuhao.care.audit;
