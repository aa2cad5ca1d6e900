/**
 * WeChat subscribe messages: the templates a user accepted, the outbox that sends them, and the scheduler with its
 * job lease (one instance runs each job).
 */
package cn.yuhao.care.notify;
