package cn.yuhao.care.file;

import cn.yuhao.care.auth.Scope;
import cn.yuhao.care.auth.ScopeFilter;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** SQL for uploaded files. The only DELETE is of an upload never attached (FileService.purgeUnattached). */
final class FileDao {
  private static final String COLUMNS =
      "id, purpose, content_type, size, sha256, storage_key, uploaded_by, "
          + "uploaded_at, owner_kind, owner_id, district_code, street";

  public record Row(
      long id,
      String purpose,
      String contentType,
      long size,
      String sha256,
      String storageKey,
      Long uploadedBy,
      Instant uploadedAt,
      String ownerKind,
      Long ownerId,
      String districtCode,
      String street) {}

  private static final RowMapper<Row> ROW = ConstructorMapper.of(Row.class);

  private final Handle h;

  FileDao(Handle h) {
    this.h = h;
  }

  void insert(Row r) {
    h.createUpdate("""
            INSERT INTO files (id, purpose, content_type, size, sha256, storage_key, uploaded_by, uploaded_at,
                               owner_kind, owner_id, district_code, street, attached_at)
            VALUES (:id, :purpose, :contentType, :size, :sha256, :storageKey, :uploadedBy, :uploadedAt,
                    :ownerKind, :ownerId, :districtCode, :street,
                    CASE WHEN :ownerKind IS NULL THEN NULL ELSE :uploadedAt END)
            """).bindMethods(r).execute();
  }

  /** The file if the caller uploaded it, or it is attached to something in the admin scope. */
  Optional<Row> findReadable(long id, long userId, Scope scope) {
    return ScopeFilter.apply(
            h.createQuery("SELECT " + COLUMNS + " FROM files f WHERE f.id = :id "
                + "AND (f.uploaded_by = :me OR (f.owner_kind IS NOT NULL AND <scope>))"),
            "f",
            scope)
        .bind("id", id)
        .bind("me", userId)
        .map(ROW)
        .findOne();
  }

  /** The file attached to something, whatever the scope (for owner rules: the pairing's volunteers). */
  Optional<Row> findAttached(long id) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM files WHERE id = :id AND owner_kind IS NOT NULL")
        .bind("id", id)
        .map(ROW)
        .findOne();
  }

  /**
   * Attaches the uploader's own unattached uploads of one purpose, uploaded after {@code since}; returns how
   * many it attached (fewer than asked means some id was not hers, not free or too old).
   */
  int attach(
      Collection<Long> ids,
      long uploader,
      String purpose,
      String ownerKind,
      long ownerId,
      String districtCode,
      String street,
      Instant since,
      Instant now) {
    return h.createUpdate("""
            UPDATE files SET owner_kind = :ownerKind, owner_id = :ownerId, district_code = :district,
                             street = :street, attached_at = :now
             WHERE id IN (<ids>) AND uploaded_by = :uploader AND purpose = :purpose
               AND owner_kind IS NULL AND uploaded_at > :since
            """)
        .bindList("ids", List.copyOf(ids))
        .bind("uploader", uploader)
        .bind("purpose", purpose)
        .bind("ownerKind", ownerKind)
        .bind("ownerId", ownerId)
        .bind("district", districtCode)
        .bind("street", street)
        .bind("since", since)
        .bind("now", now)
        .execute();
  }

  int countAttached(String ownerKind, long ownerId) {
    return h.createQuery("SELECT COUNT(*) FROM files WHERE owner_kind = :kind AND owner_id = :id")
        .bind("kind", ownerKind)
        .bind("id", ownerId)
        .mapTo(Integer.class)
        .one();
  }

  List<Row> ofOwners(String ownerKind, Collection<Long> ownerIds) {
    if (ownerIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery("SELECT " + COLUMNS
            + " FROM files WHERE owner_kind = :kind AND owner_id IN (<ids>) ORDER BY owner_id, id")
        .bind("kind", ownerKind)
        .bindList("ids", List.copyOf(ownerIds))
        .map(ROW)
        .list();
  }

  List<Row> unattachedBefore(Instant before, int limit) {
    return h.createQuery(
            "SELECT " + COLUMNS + " FROM files "
                + "WHERE attached_at IS NULL AND uploaded_at < :before ORDER BY uploaded_at LIMIT :limit")
        .bind("before", before)
        .bind("limit", limit)
        .map(ROW)
        .list();
  }

  /** Deletes an unattached upload; false when it was attached in the meantime. */
  boolean deleteUnattached(long id) {
    return h.createUpdate("DELETE FROM files WHERE id = :id AND attached_at IS NULL")
            .bind("id", id)
            .execute()
        == 1;
  }
}
