package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ChildAges;
import cn.yuhao.care.config.MatchWeights;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.region.Geo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * 智能辅助匹配: nearest first (就近就便), specialty fit to the child's needs (专长优势), free capacity, same street.
 * Every suggestion carries its score components and reasons. Volunteers see children only anonymised (alias,
 * age band, needs, distance band), through an opaque reference bound to them.
 */
public final class MatchingService {
  /** Geohash precisions tried in turn, nearest first: ~3.6×1.8 km, ~15×15 km, ~117×58 km around the point. */
  private static final int[] WIDENING = {6, 5, 4};
  /** The cells a volunteer's view is computed from (~4.9 km × 4.2 km at Chongqing's latitude). */
  private static final int VOLUNTEER_VIEW_PRECISION = 5;
  /** Distance bands by ring of those cells: the same cell, a neighbour, two away, farther. */
  private static final List<String> RING_BANDS =
      List.of("约 5 公里内", "约 5–10 公里", "约 10–15 公里", "15 公里以上");

  public record Components(double proximity, double specialty, double load, double continuity) {}

  public record VolunteerSuggestion(
      String volunteerId,
      String realName,
      String street,
      Double distanceKm,
      int load,
      int capacity,
      double score,
      Components components,
      List<String> reasons) {}

  public record ChildSuggestions(
      String childId, boolean childHasLocation, List<VolunteerSuggestion> items) {}

  /** What a volunteer sees of a waiting child: nothing numeric, nothing finer than a ~5 km square. */
  public record ChildSuggestion(
      String ref,
      String alias,
      String ageBand,
      List<String> needs,
      String distanceBand,
      List<String> reasons,
      boolean requested) {}

  private final Jdbi jdbi;
  private final FieldCipher cipher;
  private final BlindIndex blindIndex;
  private final MatchScore scoring;
  private final Clock clock;

  public MatchingService(
      Jdbi jdbi, FieldCipher cipher, BlindIndex blindIndex, MatchWeights weights, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.cipher = cipher;
    this.blindIndex = blindIndex;
    this.scoring = new MatchScore(weights);
  }

  record Target(String districtCode, MatchingDao.ChildCandidate candidate) {}

  /** Admitted volunteers with free capacity for a child in the admin's scope, best first. */
  public ChildSuggestions forChild(Caller admin, long childId, int limit) {
    return jdbi.withHandle(h -> {
      MatchingDao dao = new MatchingDao(h);
      Target child = dao.childInScope(childId, admin.adminScope())
          .orElseThrow(() -> AppException.notFound("儿童"));
      List<MatchingDao.VolunteerCandidate> found = List.of();
      if (child.candidate().lat() != null) {
        for (int precision : WIDENING) {
          found = dao
              .volunteers(
                  child.districtCode(),
                  Geo.cellsAround(child.candidate().lat(), child.candidate().lng(), precision))
              .stream()
              .filter(v -> v.load() < v.capacity())
              .toList();
          if (found.size() >= limit) {
            break;
          }
        }
      }
      if (found.size() < limit) {
        // Few near (or no location known): the whole district, distance counted where known.
        found = dao.volunteers(child.districtCode(), null).stream()
            .filter(v -> v.load() < v.capacity())
            .toList();
      }
      List<VolunteerSuggestion> items = found.stream()
          .map(v -> suggestion(child.candidate(), v))
          .sorted(Comparator.comparingDouble(VolunteerSuggestion::score)
              .reversed()
              .thenComparing(VolunteerSuggestion::volunteerId))
          .limit(limit)
          .toList();
      return new ChildSuggestions(Long.toString(childId), child.candidate().lat() != null, items);
    });
  }

  /**
   * For a volunteer: consented children of her district waiting for a pairing, anonymised. Every part of the
   * answer (which children, their order, the distance band) is a function of the precision-5 geohash cells
   * (~4.9 km × 4.2 km) of her home and theirs, never of the points: what volunteers learn, even together, is at
   * most the ~5 km square a child lives in. Order: cell ring, then specialty fit, then a keyed hash (stable,
   * meaningless).
   */
  public List<ChildSuggestion> forVolunteer(Caller caller, int limit) {
    return jdbi.withHandle(h -> {
      PairingDao.Volunteer me = new PairingDao(h)
          .volunteerOfUser(caller.userId())
          .filter(v -> "ADMITTED".equals(v.status()))
          .orElseThrow(() -> new AppException(ErrorCode.VOLUNTEER_STATE, "只有已准入的爱心妈妈可以查看待结对儿童"));
      MatchingDao dao = new MatchingDao(h);
      MatchingDao.Home home = dao.home(me.id());
      String myCell = home.geohash().substring(0, VOLUNTEER_VIEW_PRECISION);
      double[] mine = Geo.centre(myCell);
      // Widening: her own cell, then the nine around it, then nine of the next size. The order
      // is by ring first, so once a step that holds whole rings finds enough, farther children
      // could never be among those shown.
      List<List<String>> widening = List.of(
          List.of(myCell),
          Geo.cellsAround(mine[0], mine[1], VOLUNTEER_VIEW_PRECISION),
          Geo.cellsAround(mine[0], mine[1], VOLUNTEER_VIEW_PRECISION - 1));
      List<MatchingDao.Waiting> found = List.of();
      for (List<String> cells : widening) {
        found = dao.waitingIn(me.districtCode(), cells);
        if (found.size() >= limit) {
          break;
        }
      }
      Set<String> specialties = Set.of(home.specialties().split(","));
      // Ranked on what the index holds; the rest of what she is shown is read for the chosen few
      // only.
      record Ranked(
          MatchingDao.Waiting child, int ring, List<String> needs, double fit, String tiebreak) {}
      List<Ranked> chosen = found.stream()
          .filter(c -> c.cell() != null)
          .map(c -> {
            List<String> needs = PairingService.split(c.needs());
            return new Ranked(
                c,
                Geo.ring(myCell, c.cell().substring(0, VOLUNTEER_VIEW_PRECISION)),
                needs,
                scoring.specialtyFit(needs, specialties),
                blindIndex.of("match.order", me.id() + ":" + c.id()));
          })
          .sorted(Comparator.comparingInt(Ranked::ring)
              .thenComparing(Comparator.comparingDouble(Ranked::fit).reversed())
              .thenComparing(Ranked::tiebreak))
          .limit(limit)
          .toList();
      Map<Long, MatchingDao.Shown> shown =
          dao.shown(chosen.stream().map(r -> r.child().id()).toList(), me.id());
      return chosen.stream()
          .map(r -> new ChildSuggestion(
              cipher.encrypt(Long.toString(r.child().id()), refPurpose(me.id())),
              alias(r.child().id()),
              ChildAges.band(ChildAges.age(shown.get(r.child().id()).birthDate(), clock)),
              r.needs(),
              RING_BANDS.get(Math.min(r.ring(), RING_BANDS.size() - 1)),
              scoring.fitReasons(r.needs(), specialties),
              shown.get(r.child().id()).requested()))
          .toList();
    });
  }

  /** The child behind a reference handed to this volunteer; anything else (forged, another's) is not found. */
  long childOfRef(long volunteerId, String ref) {
    try {
      return Long.parseLong(cipher.decrypt(ref, refPurpose(volunteerId)));
    } catch (RuntimeException e) {
      throw AppException.notFound("儿童");
    }
  }

  private static String refPurpose(long volunteerId) {
    return "pairing.ref." + volunteerId;
  }

  /** A stable, meaningless name for a child a volunteer has not been paired with. */
  String alias(long childId) {
    return "儿童 "
        + blindIndex.of("child.alias", Long.toString(childId)).substring(0, 4).toUpperCase();
  }

  private VolunteerSuggestion suggestion(
      MatchingDao.ChildCandidate child, MatchingDao.VolunteerCandidate v) {
    Double km = child.lat() == null ? null : Geo.km(child.lat(), child.lng(), v.lat(), v.lng());
    List<String> needs = PairingService.split(child.needs());
    Set<String> specialties = Set.of(v.specialties().split(","));
    Components c = scoring.components(needs, child.street(), km, specialties, v);
    List<String> reasons = new ArrayList<>();
    if (km != null) {
      reasons.add("距离约 " + scoring.round1(km) + " 公里");
    }
    reasons.addAll(scoring.fitReasons(needs, specialties));
    reasons.add("已结对 " + v.load() + "/" + v.capacity());
    if (c.continuity() > 0) {
      reasons.add("同一街道");
    }
    return new VolunteerSuggestion(
        Long.toString(v.id()),
        v.realName(),
        v.street(),
        km == null ? null : scoring.round1(km),
        v.load(),
        v.capacity(),
        scoring.round3(scoring.score(c)),
        scoring.roundAll(c),
        reasons);
  }
}
