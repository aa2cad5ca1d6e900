/**
 * Harm reports (强制报告): filed by anyone in the programme, acknowledged, referred, resolved and closed, with
 * deadlines that escalate and alert.
 */
package cn.yuhao.care.concern;
