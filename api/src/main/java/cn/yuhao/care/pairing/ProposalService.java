package cn.yuhao.care.pairing;

import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.config.MatchWeights;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.region.Geo;
import cn.yuhao.care.region.RegionService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The district's whole waiting list paired at once: the coverage-optimal assignment of children to volunteers with
 * room (see {@link Assignment}), shown beside the greedy one; the admin confirms the pairs she chooses, all or none.
 */
public final class ProposalService {
  /** Candidate pairs kept per child for a proposal: the optimum is over the best of each child's options. */
  private static final int EDGES_PER_CHILD = 25;

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
  private final MatchScore scoring;

  public ProposalService(
      Jdbi jdbi, PairingService pairings, RegionService regions, MatchWeights weights) {
    this.jdbi = jdbi;
    this.pairings = pairings;
    this.regions = regions;
    this.scoring = new MatchScore(weights);
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
      List<MatchingDao.ChildCandidate> all = dao.childrenNeedingPairing(districtCode);
      List<MatchingDao.ChildCandidate> children =
          all.stream().filter(c -> c.lat() != null).toList();
      List<MatchingDao.VolunteerCandidate> volunteers = dao.volunteers(districtCode, null).stream()
          .filter(v -> v.load() < v.capacity())
          .toList();
      int[] free = volunteers.stream().mapToInt(v -> v.capacity() - v.load()).toArray();
      List<Assignment.Edge> edges = edges(children, volunteers);
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
                scoring.round1(Geo.km(c.lat(), c.lng(), v.lat(), v.lng())),
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

  /** Each child's best candidate pairs within the radius, scored (×1000, as integers for the solver). */
  private List<Assignment.Edge> edges(
      List<MatchingDao.ChildCandidate> children, List<MatchingDao.VolunteerCandidate> volunteers) {
    List<Assignment.Edge> edges = new ArrayList<>();
    List<Set<String>> specialties =
        volunteers.stream().map(v -> Set.of(v.specialties().split(","))).toList();
    // A degree of latitude is ~111 km everywhere, a degree of longitude at Chongqing's latitudes
    // at least ~94:
    // pairs outside this box are farther than the radius and skip the haversine.
    double maxDLat = scoring.radiusKm() / 111.0;
    double maxDLng = scoring.radiusKm() / 94.0;
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
        if (km <= scoring.radiusKm()) {
          double score =
              scoring.score(scoring.components(needs, child.street(), km, specialties.get(v), vol));
          mine.add(new Assignment.Edge(c, v, (int) Math.round(score * 1000)));
        }
      }
      mine.sort(Comparator.comparingInt(Assignment.Edge::score).reversed());
      edges.addAll(mine.subList(0, Math.min(EDGES_PER_CHILD, mine.size())));
    }
    return edges;
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
}
