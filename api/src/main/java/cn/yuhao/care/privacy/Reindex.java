package cn.yuhao.care.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * INDEX_KEY rotation: every blind index (the HMAC that equality look-ups use: a phone, an ID number) is computed
 * again from its sealed value with the current INDEX_KEY, in batches of one transaction each. Run it with every
 * instance stopped: until it finishes, a look-up by phone or ID number may miss a row still indexed with the old
 * key. A stopped run is resumed by running it again (rows already right are skipped). Signed scenes and codes
 * (consent links, check-in codes) made with the old key stop working: let open consent links be issued again.
 */
public final class Reindex {
  record Index(String table, String column, String sealed, String aad, String purpose) {
    String name() {
      return table + "." + column;
    }
  }

  /** Every blind index of the schema (a test holds this list to the schema's *_index columns). */
  static final List<Index> INDEXES = List.of(
      new Index("users", "phone_index", "phone_enc", "users.phone", "phone"),
      new Index("volunteers", "phone_index", "phone_enc", "volunteers.phone", "phone"),
      new Index("children", "id_number_index", "id_number_enc", "children.id_number", "id_number"),
      new Index("child_guardians", "phone_index", "phone_enc", "child_guardians.phone", "phone"));

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final BlindIndex index;

  public Reindex(Jdbi jdbi, FieldCipher cipher, BlindIndex index) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.index = index;
  }

  /** Indexes recomputed per column; stops after {@code maxBatches} batches (for tests: a crash). */
  public Map<String, Integer> run(int batchSize, int maxBatches) {
    Map<String, Integer> changed = new LinkedHashMap<>();
    int batches = 0;
    for (Index ix : INDEXES) {
      long after = Long.MIN_VALUE;
      int n = 0;
      while (batches < maxBatches) {
        long from = after;
        List<SealedColumnsDao.Indexed> rows =
            jdbi.withHandle(h -> new SealedColumnsDao(h).indexed(ix, from, batchSize));
        if (rows.isEmpty()) {
          break;
        }
        n += jdbi.inTransaction(h -> {
          SealedColumnsDao dao = new SealedColumnsDao(h);
          int done = 0;
          for (SealedColumnsDao.Indexed r : rows) {
            String fresh = index.of(ix.purpose(), cipher.decrypt(r.sealed(), ix.aad()));
            if (!fresh.equals(r.index())) {
              done += dao.setIndex(ix, r, fresh);
            }
          }
          return done;
        });
        after = rows.get(rows.size() - 1).id();
        batches++;
      }
      changed.put(ix.name(), n);
    }
    return changed;
  }

  /** Indexes that do not match their sealed value under the current INDEX_KEY (0 when a run has finished). */
  public int stale() {
    return jdbi.withHandle(h -> {
      int n = 0;
      for (Index ix : INDEXES) {
        for (SealedColumnsDao.Indexed r : new SealedColumnsDao(h).allIndexed(ix)) {
          if (!index.of(ix.purpose(), cipher.decrypt(r.sealed(), ix.aad())).equals(r.index())) {
            n++;
          }
        }
      }
      return n;
    });
  }
}
