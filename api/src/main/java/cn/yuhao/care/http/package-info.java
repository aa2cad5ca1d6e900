/**
 * The HTTP edge shared by every feature: server setup, the one error mapper (problem+json in Chinese), JSON
 * reading with input rules, query parameter checks from the contract, idempotency keys, rate limits, request ids,
 * metrics.
 */
package cn.yuhao.care.http;
