package cn.yuhao.care.audit;

/** Who did something, as the audit log records it (the authenticated caller implements it). */
public interface Actor {
  long userId();

  String primaryRole();

  String requestId();
}
