package cn.yuhao.care.volunteer;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of who a volunteer is: her source tags and honours. */
final class ProfileDao {
  record Honour(long id, String title, int year, String awardedBy) {}

  private final Handle h;

  ProfileDao(Handle h) {
    this.h = h;
  }

  void setTags(long volunteerId, String tags, Instant now) {
    h.createUpdate("UPDATE volunteers SET source_tags = :t, updated_at = :now WHERE id = :id")
        .bind("t", tags)
        .bind("now", now)
        .bind("id", volunteerId)
        .execute();
  }

  /** Adds an honour; false when she already has this one for this year. */
  boolean addHonour(
      long id, long volunteerId, String title, int year, String awardedBy, long by, Instant now) {
    return h.createUpdate("""
                INSERT IGNORE INTO volunteer_honours (id, volunteer_id, title, year, awarded_by, recorded_by, recorded_at)
                VALUES (:id, :v, :title, :year, :by_org, :by, :now)""")
            .bind("id", id)
            .bind("v", volunteerId)
            .bind("title", title)
            .bind("year", year)
            .bind("by_org", awardedBy)
            .bind("by", by)
            .bind("now", now)
            .execute()
        == 1;
  }

  List<Honour> honours(long volunteerId) {
    return h.createQuery("""
            SELECT id, title, year, awarded_by FROM volunteer_honours WHERE volunteer_id = :v ORDER BY year DESC, id""")
        .bind("v", volunteerId)
        .map((rs, ctx) -> new Honour(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
        .list();
  }
}
