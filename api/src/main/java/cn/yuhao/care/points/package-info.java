/**
 * Volunteer points: a double-entry ledger, earning from verified hours and on-time 6+1 items, maturity and expiry,
 * admins' grants and claw-backs with a second approval, redemption codes and their limits, reports and the
 * invariant check.
 */
package cn.yuhao.care.points;
