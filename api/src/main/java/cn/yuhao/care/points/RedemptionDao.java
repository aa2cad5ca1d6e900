package cn.yuhao.care.points;

import cn.yuhao.care.db.Columns;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of redemptions. */
final class RedemptionDao {
  private final Handle h;

  RedemptionDao(Handle h) {
    this.h = h;
  }

  int countLiveOrUsedSince(long userId, long offerId, Instant since) {
    return h.createQuery("""
            SELECT COUNT(*) FROM redemptions WHERE user_id = :u AND offer_id = :o AND status IN ('HELD', 'USED')
               AND created_at >= :since""")
        .bind("u", userId)
        .bind("o", offerId)
        .bind("since", since)
        .mapTo(Integer.class)
        .one();
  }

  List<RedemptionLimits.Use> liveOrUsed(long userId) {
    return h.createQuery(
            "SELECT offer_id, created_at FROM redemptions WHERE user_id = :u AND status IN ('HELD', 'USED')")
        .bind("u", userId)
        .map((rs, ctx) ->
            new RedemptionLimits.Use(rs.getLong(1), Columns.instant(rs, "created_at", ctx)))
        .list();
  }
}
