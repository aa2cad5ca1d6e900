package cn.yuhao.care.troupe;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import org.jdbi.v3.core.Handle;

/**
 * Who may work with a troupe: admins whose scope covers its district, and its coaches (a COACH grant naming
 * the troupe, or a district-wide COACH grant of its district). Anyone else is told it does not exist.
 */
final class TroupeAccess {
  record Troupe(long id, String name, String kind, String districtCode, String status) {}

  private TroupeAccess() {}

  static Troupe find(Handle h, long id) {
    return new TroupeDao(h).find(id).orElse(null);
  }

  static boolean coaches(Caller c, Troupe t) {
    return c.coaches(t.districtCode(), t.id());
  }

  /** The troupe for a coach of it or an admin in scope; 404 otherwise. */
  static Troupe forStaff(Handle h, Caller c, long id) {
    Troupe t = find(h, id);
    if (t == null || !(c.adminScope().coversDistrict(t.districtCode()) || coaches(c, t))) {
      throw AppException.notFound("团队");
    }
    return t;
  }

  /** As {@link #forStaff}, and the troupe must be approved (running). */
  static Troupe approvedForStaff(Handle h, Caller c, long id) {
    Troupe t = forStaff(h, c, id);
    if (!"APPROVED".equals(t.status())) {
      throw new AppException(ErrorCode.TROUPE_STATE, "该团队尚未获批，不能开展活动");
    }
    return t;
  }

  /** The troupe for a district admin of its district (or the city); 404 or 403 otherwise. */
  static Troupe forDistrictAdmin(Handle h, Caller c, long id) {
    Troupe t = find(h, id);
    if (t == null || !(c.adminScope().coversDistrict(t.districtCode()) || coaches(c, t))) {
      throw AppException.notFound("团队");
    }
    if (!c.adminScope().coversDistrict(t.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以执行此操作");
    }
    return t;
  }
}
