package cn.yuhao.care.volunteer;

/** Where a volunteer stands in 招募、准入、服务、退出 (recruit, admit, serve, exit). */
public enum VolunteerStatus {
  PENDING,
  ADMITTED,
  REJECTED,
  SUSPENDED,
  EXITED;

  /** Whether a new application may replace this one. */
  boolean mayReapply() {
    return this == REJECTED || this == EXITED;
  }
}
