package cn.yuhao.care.http;

/** The body of every state change that needs a reason (reject, suspend, exit, disable, withdraw …). */
public record ReasonRequest(String reason) {}
