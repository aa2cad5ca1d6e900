package cn.yuhao.care.auth;

/** The roles of DESIGN §2, strongest last; a grant carries the scope the role applies to. */
public enum Role {
  VOLUNTEER,
  COACH,
  MERCHANT_STAFF,
  STREET_SUPERVISOR,
  DISTRICT_ADMIN,
  CITY_ADMIN
}
