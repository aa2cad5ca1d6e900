package cn.yuhao.care.auth;

/**
 * The roles, strongest last; a grant carries the scope the role applies to. EVALUATOR (第三方评估) reads a set of
 * districts for a period and writes nothing: its grants count only on the routes open to it ({@link AuthFilter}).
 */
public enum Role {
  VOLUNTEER,
  COACH,
  MERCHANT_STAFF,
  EVALUATOR,
  STREET_SUPERVISOR,
  DISTRICT_ADMIN,
  CITY_ADMIN
}
