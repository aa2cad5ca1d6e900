package cn.yuhao.care.demo;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * SQL of the demo data: whether a part is loaded already, and the back-dating that makes a freshly made demo look
 * like weeks of use (the services always write "now").
 */
final class DemoDao {
  private final Handle h;

  DemoDao(Handle h) {
    this.h = h;
  }

  int careRecords(long pairingId) {
    return h.createQuery("SELECT COUNT(*) FROM care_records WHERE pairing_id = :p")
        .bind("p", pairingId)
        .mapTo(Integer.class)
        .one();
  }

  /** The child of a pairing. */
  long childOf(long pairingId) {
    return h.createQuery("SELECT child_id FROM pairings WHERE id = :p")
        .bind("p", pairingId)
        .mapTo(Long.class)
        .one();
  }

  int plans(long childId) {
    return h.createQuery("SELECT COUNT(*) FROM care_plans WHERE child_id = :c")
        .bind("c", childId)
        .mapTo(Integer.class)
        .one();
  }

  int troupes(String districtCode) {
    return h.createQuery("SELECT COUNT(*) FROM troupes WHERE district_code = :d")
        .bind("d", districtCode)
        .mapTo(Integer.class)
        .one();
  }

  int merchants(String districtCode) {
    return h.createQuery("SELECT COUNT(*) FROM merchants WHERE district_code = :d")
        .bind("d", districtCode)
        .mapTo(Integer.class)
        .one();
  }

  int surveys(String districtCode, String title) {
    return h.createQuery("SELECT COUNT(*) FROM surveys WHERE district_code = :d AND title = :t")
        .bind("d", districtCode)
        .bind("t", title)
        .mapTo(Integer.class)
        .one();
  }

  /** Moves a survey a year back: last year's round, closed a month after it opened. */
  void surveyLastYear(long surveyId) {
    h.createUpdate("""
            UPDATE surveys SET opens_at = opens_at - INTERVAL 1 YEAR,
                               closes_at = opens_at + INTERVAL 30 DAY,
                               created_at = created_at - INTERVAL 1 YEAR
             WHERE id = :id""").bind("id", surveyId).execute();
  }

  long childNamed(String name, String districtCode) {
    return h.createQuery("SELECT id FROM children WHERE name = :n AND district_code = :d")
        .bind("n", name)
        .bind("d", districtCode)
        .mapTo(Long.class)
        .one();
  }

  /** The pairing started, and its child's consent was signed, in the past. */
  void backdatePairing(long pairingId, Instant startedAt, Instant consentSignedAt) {
    h.createUpdate("UPDATE pairings SET started_at = :t WHERE id = :p")
        .bind("t", startedAt)
        .bind("p", pairingId)
        .execute();
    h.createUpdate("""
            UPDATE child_consents SET signed_at = :t
             WHERE child_id = (SELECT child_id FROM pairings WHERE id = :p)""").bind("t", consentSignedAt).bind("p", pairingId).execute();
  }

  /** As if each care record had been logged the day it happened. */
  void loggedWhenOccurred(long pairingId) {
    h.createUpdate("UPDATE care_records SET created_at = occurred_at WHERE pairing_id = :p")
        .bind("p", pairingId)
        .execute();
  }

  /** The singing troupe's training a month back and its performance two days back; both rosters joined before. */
  void backdateTroupes(long singing, long running) {
    h.createUpdate("""
            UPDATE troupe_sessions SET starts_at = starts_at - INTERVAL 29 DAY, ends_at = ends_at - INTERVAL 29 DAY
             WHERE troupe_id = :t AND kind = 'TRAINING'""").bind("t", singing).execute();
    h.createUpdate("""
            UPDATE troupe_sessions SET starts_at = starts_at - INTERVAL 2 DAY, ends_at = ends_at - INTERVAL 2 DAY
             WHERE troupe_id = :t AND kind = 'PERFORMANCE'""").bind("t", singing).execute();
    h.createUpdate(
            "UPDATE troupe_members SET joined_at = joined_at - INTERVAL 30 DAY WHERE troupe_id IN (:a, :b)")
        .bind("a", singing)
        .bind("b", running)
        .execute();
  }
}
