package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ChildAges;
import cn.yuhao.care.config.MatchWeights;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.region.Geo;
import cn.yuhao.care.region.RegionService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
  /** Needs and the specialties that answer them. */
  static final Map<String, Set<String>> FIT = Map.of(
      "LIVING_DIFFICULTY", Set.of("SOCIAL_WORKER", "CADRE"),
      "LACK_OF_AFFECTION", Set.of("FAMILY_EDUCATION_EXPERT", "PSYCHOLOGIST", "SOCIAL_WORKER"),
      "ACADEMIC_LAG", Set.of("TEACHER"),
      "PSYCHOLOGICAL", Set.of("PSYCHOLOGIST"),
      "LEGAL_AWARENESS", Set.of("LAWYER", "JUDGE", "PROSECUTOR", "POLICE"),
      "HEALTH_DISABILITY", Set.of("DOCTOR", "NURSE"));

  private static final Map<String, String> NEED_NAMES = Map.of(
      "LIVING_DIFFICULTY",
      "生活困难",
      "LACK_OF_AFFECTION",
      "亲情缺失",
      "ACADEMIC_LAG",
      "学业落后",
      "PSYCHOLOGICAL",
      "心理问题",
      "LEGAL_AWARENESS",
      "法律意识淡薄",
      "HEALTH_DISABILITY",
      "健康/残疾");
  /** Geohash precisions tried in turn, nearest first: ~3.6×1.8 km, ~15×15 km, ~117×58 km around the point. */
  private static final int[] WIDENING = {6, 5, 4};
  /** The cells a volunteer's view is computed from (~4.9 km × 4.2 km at Chongqing's latitude). */
  private static final int VOLUNTEER_VIEW_PRECISION = 5;
  /** Distance bands by ring of those cells: the same cell, a neighbour, two away, farther. */
  private static final List<String> RING_BANDS =
      List.of("约 5 公里内", "约 5–10 公里", "约 10–15 公里", "15 公里以上");
  /** Candidate pairs kept per child for a proposal: the optimum is over the best of each child's options. */
  private static final int EDGES_PER_CHILD = 25;

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

  public record ProposedPair(
      String childId,
      String childName,
      String volunteerId,
      String volunteerName,
      double distanceKm,
      double score) {}

  public record Totals(int paired, double totalScore) {}

  public record Proposal(
      String districtCode,
      int eligibleChildren,
      int childrenWithoutLocation,
      int availableVolunteers,
      Totals optimal,
      Totals greedy,
      List<ProposedPair> pairs,
      List<String> unpairedChildIds,
      long elapsedMs) {}

  public record PairChoice(String childId, String volunteerId) {}

  public record Confirmation(List<PairChoice> pairs) {}

  private final Jdbi jdbi;
  private final PairingService pairings;
  private final RegionService regions;
  private final FieldCipher cipher;
  private final BlindIndex blindIndex;
  private final MatchWeights weights;
  private final Clock clock;

  public MatchingService(
      Jdbi jdbi,
      PairingService pairings,
      RegionService regions,
      FieldCipher cipher,
      BlindIndex blindIndex,
      MatchWeights weights,
      Clock clock) {
    this.jdbi = jdbi;
    this.pairings = pairings;
    this.regions = regions;
    this.cipher = cipher;
    this.blindIndex = blindIndex;
    this.weights = weights;
    this.clock = clock;
  }

  record Target(String districtCode, MatchingDao.ChildCandidate candidate) {}

  /** Admitted volunteers with free capacity for a child in the admin's scope, best first. */
  public ChildSuggestions forChild(Caller admin, String rawChildId, int limit) {
    long childId = Ids.parseOr(rawChildId, -1);
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
      List<MatchingDao.ChildCandidate> found = List.of();
      for (int precision = VOLUNTEER_VIEW_PRECISION;
          precision >= VOLUNTEER_VIEW_PRECISION - 1;
          precision--) {
        found = dao.childrenNeedingPairing(
            me.districtCode(), Geo.cellsAround(mine[0], mine[1], precision), me.id());
        if (found.size() >= limit) {
          break;
        }
      }
      Set<String> specialties = Set.of(home.specialties().split(","));
      record Ranked(ChildSuggestion suggestion, int ring, double fit, String tiebreak) {}
      return found.stream()
          .filter(c -> c.cell() != null)
          .map(c -> {
            int ring = Geo.ring(myCell, c.cell().substring(0, VOLUNTEER_VIEW_PRECISION));
            List<String> needs = PairingService.split(c.needs());
            ChildSuggestion s = new ChildSuggestion(
                cipher.encrypt(Long.toString(c.id()), refPurpose(me.id())),
                alias(c.id()),
                ChildAges.band(ChildAges.age(c.birthDate(), clock)),
                needs,
                RING_BANDS.get(Math.min(ring, RING_BANDS.size() - 1)),
                fitReasons(needs, specialties),
                c.requested());
            return new Ranked(
                s,
                ring,
                specialtyFit(needs, specialties),
                blindIndex.of("match.order", me.id() + ":" + c.id()));
          })
          .sorted(Comparator.comparingInt(Ranked::ring)
              .thenComparing(Comparator.comparingDouble(Ranked::fit).reversed())
              .thenComparing(Ranked::tiebreak))
          .limit(limit)
          .map(Ranked::suggestion)
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

  /** The optimal coverage assignment for a district: see {@link Assignment}. Nothing is written. */
  public Proposal propose(Caller admin, String districtCode) {
    new Fields()
        .require("districtCode", districtCode)
        .check(
            districtCode,
            districtCode == null || regions.isDistrict(districtCode),
            "districtCode",
            "没有这个区县")
        .throwIfAny();
    if (!admin.adminScope().coversDistrict(districtCode)) {
      throw new AppException(ErrorCode.FORBIDDEN, "只能为本区县计算结对方案");
    }
    long t0 = System.nanoTime();
    return jdbi.withHandle(h -> {
      MatchingDao dao = new MatchingDao(h);
      List<MatchingDao.ChildCandidate> all = dao.childrenNeedingPairing(districtCode, null, -1);
      List<MatchingDao.ChildCandidate> children =
          all.stream().filter(c -> c.lat() != null).toList();
      List<MatchingDao.VolunteerCandidate> volunteers = dao.volunteers(districtCode, null).stream()
          .filter(v -> v.load() < v.capacity())
          .toList();
      int[] free = volunteers.stream().mapToInt(v -> v.capacity() - v.load()).toArray();
      List<Assignment.Edge> edges = new ArrayList<>();
      List<Set<String>> specialties =
          volunteers.stream().map(v -> Set.of(v.specialties().split(","))).toList();
      // A degree of latitude is ~111 km everywhere, a degree of longitude at Chongqing's latitudes
      // at least ~94:
      // pairs outside this box are farther than the radius and skip the haversine.
      double maxDLat = weights.radiusKm() / 111.0;
      double maxDLng = weights.radiusKm() / 94.0;
      for (int c = 0; c < children.size(); c++) {
        MatchingDao.ChildCandidate child = children.get(c);
        List<String> needs = PairingService.split(child.needs());
        List<Assignment.Edge> mine = new ArrayList<>();
        for (int v = 0; v < volunteers.size(); v++) {
          MatchingDao.VolunteerCandidate vol = volunteers.get(v);
          if (Math.abs(child.lat() - vol.lat()) > maxDLat
              || Math.abs(child.lng() - vol.lng()) > maxDLng) {
            continue;
          }
          double km = Geo.km(child.lat(), child.lng(), vol.lat(), vol.lng());
          if (km <= weights.radiusKm()) {
            double score = score(components(needs, child.street(), km, specialties.get(v), vol));
            mine.add(new Assignment.Edge(c, v, (int) Math.round(score * 1000)));
          }
        }
        mine.sort(Comparator.comparingInt(Assignment.Edge::score).reversed());
        edges.addAll(mine.subList(0, Math.min(EDGES_PER_CHILD, mine.size())));
      }
      Assignment.Result best = Assignment.optimal(children.size(), free, edges);
      Assignment.Result greedy = Assignment.greedy(children.size(), free, edges);
      Set<Integer> paired = new HashSet<>();
      List<ProposedPair> pairs = best.pairs().stream()
          .map(e -> {
            paired.add(e.child());
            MatchingDao.ChildCandidate c = children.get(e.child());
            MatchingDao.VolunteerCandidate v = volunteers.get(e.volunteer());
            return new ProposedPair(
                Long.toString(c.id()),
                c.name(),
                Long.toString(v.id()),
                v.realName(),
                round1(Geo.km(c.lat(), c.lng(), v.lat(), v.lng())),
                e.score() / 1000.0);
          })
          .sorted(Comparator.comparing(ProposedPair::childId))
          .toList();
      List<String> unpaired = new ArrayList<>();
      for (int c = 0; c < children.size(); c++) {
        if (!paired.contains(c)) {
          unpaired.add(Long.toString(children.get(c).id()));
        }
      }
      return new Proposal(
          districtCode,
          children.size(),
          all.size() - children.size(),
          volunteers.size(),
          new Totals(best.pairs().size(), best.totalScore() / 1000.0),
          new Totals(greedy.pairs().size(), greedy.totalScore() / 1000.0),
          pairs,
          unpaired,
          (System.nanoTime() - t0) / 1_000_000);
    });
  }

  /** Confirms chosen pairs of a proposal, all or none: each is checked as a single pairing would be. */
  public List<PairingService.Pairing> confirm(Caller admin, Confirmation in) {
    Fields f = new Fields().require("pairs", in.pairs());
    if (in.pairs() != null) {
      f.check(
          in.pairs(), !in.pairs().isEmpty() && in.pairs().size() <= 500, "pairs", "一次确认 1 到 500 对");
      for (int i = 0; i < in.pairs().size(); i++) {
        f.require("pairs[" + i + "].childId", in.pairs().get(i).childId())
            .require("pairs[" + i + "].volunteerId", in.pairs().get(i).volunteerId());
      }
    }
    f.throwIfAny();
    return jdbi.inTransaction(h -> {
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < in.pairs().size(); i++) {
        PairChoice p = in.pairs().get(i);
        try {
          ids.add(pairings.createIn(
              h,
              admin,
              new PairingService.PairingInput(
                  p.childId(), p.volunteerId(), null, "ONE_TO_ONE", null, "结对方案确认"),
              "CARE"));
        } catch (AppException e) {
          throw new AppException(
              e.error(),
              "第 " + (i + 1) + " 对（儿童 " + p.childId() + "）：" + e.getMessage(),
              e.fields());
        }
      }
      List<PairingService.Pairing> out = new ArrayList<>();
      for (long id : ids) {
        out.add(pairings.viewIn(h, admin, id));
      }
      return out;
    });
  }

  private VolunteerSuggestion suggestion(
      MatchingDao.ChildCandidate child, MatchingDao.VolunteerCandidate v) {
    Double km = child.lat() == null ? null : Geo.km(child.lat(), child.lng(), v.lat(), v.lng());
    List<String> needs = PairingService.split(child.needs());
    Set<String> specialties = Set.of(v.specialties().split(","));
    Components c = components(needs, child.street(), km, specialties, v);
    List<String> reasons = new ArrayList<>();
    if (km != null) {
      reasons.add("距离约 " + round1(km) + " 公里");
    }
    reasons.addAll(fitReasons(needs, specialties));
    reasons.add("已结对 " + v.load() + "/" + v.capacity());
    if (c.continuity() > 0) {
      reasons.add("同一街道");
    }
    return new VolunteerSuggestion(
        Long.toString(v.id()),
        v.realName(),
        v.street(),
        km == null ? null : round1(km),
        v.load(),
        v.capacity(),
        round3(score(c)),
        roundAll(c),
        reasons);
  }

  private static List<String> fitReasons(List<String> needs, Set<String> specialties) {
    List<String> reasons = new ArrayList<>();
    for (String need : needs) {
      if (FIT.containsKey(need) && FIT.get(need).stream().anyMatch(specialties::contains)) {
        reasons.add("专长对应需求：" + NEED_NAMES.get(need));
      }
    }
    return reasons;
  }

  /** The share of the child's answerable needs that the specialties answer (0 when none is answerable). */
  private static double specialtyFit(List<String> needs, Set<String> specialties) {
    int answerable = 0;
    int answered = 0;
    for (String need : needs) {
      Set<String> fit = FIT.get(need);
      if (fit != null) {
        answerable++;
        for (String s : fit) {
          if (specialties.contains(s)) {
            answered++;
            break;
          }
        }
      }
    }
    return answerable == 0 ? 0 : answered / (double) answerable;
  }

  /** The score's parts, unrounded; proposals call this millions of times, so it builds no text. */
  private Components components(
      List<String> needs,
      String childStreet,
      Double km,
      Set<String> specialties,
      MatchingDao.VolunteerCandidate v) {
    double proximity = km == null ? 0 : Math.max(0, 1 - km / weights.radiusKm());
    double specialty = specialtyFit(needs, specialties);
    double load = (v.capacity() - v.load()) / (double) v.capacity();
    double continuity = childStreet != null && childStreet.equals(v.street()) ? 1 : 0;
    return new Components(proximity, specialty, load, continuity);
  }

  private double score(Components c) {
    return weights.proximity() * c.proximity()
        + weights.specialty() * c.specialty()
        + weights.load() * c.load()
        + weights.continuity() * c.continuity();
  }

  private static Components roundAll(Components c) {
    return new Components(
        round3(c.proximity()), round3(c.specialty()), round3(c.load()), c.continuity());
  }

  private static double round1(double x) {
    return Math.round(x * 10) / 10.0;
  }

  private static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
