package cn.yuhao.care.pairing;

import cn.yuhao.care.config.MatchWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well a volunteer suits a child: nearness within the radius, her specialties answering the child's needs,
 * free capacity and the same street, each weighted (MATCH_WEIGHTS); with the reasons a person reads.
 */
final class MatchScore {
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
  private final MatchWeights weights;

  MatchScore(MatchWeights weights) {
    this.weights = weights;
  }

  double radiusKm() {
    return weights.radiusKm();
  }

  static List<String> fitReasons(List<String> needs, Set<String> specialties) {
    List<String> reasons = new ArrayList<>();
    for (String need : needs) {
      if (FIT.containsKey(need) && FIT.get(need).stream().anyMatch(specialties::contains)) {
        reasons.add("专长对应需求：" + NEED_NAMES.get(need));
      }
    }
    return reasons;
  }

  /** The share of the child's answerable needs that the specialties answer (0 when none is answerable). */
  static double specialtyFit(List<String> needs, Set<String> specialties) {
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
  MatchingService.Components components(
      List<String> needs,
      String childStreet,
      Double km,
      Set<String> specialties,
      MatchingDao.VolunteerCandidate v) {
    double proximity = km == null ? 0 : Math.max(0, 1 - km / weights.radiusKm());
    double specialty = specialtyFit(needs, specialties);
    double load = (v.capacity() - v.load()) / (double) v.capacity();
    double continuity = childStreet != null && childStreet.equals(v.street()) ? 1 : 0;
    return new MatchingService.Components(proximity, specialty, load, continuity);
  }

  double score(MatchingService.Components c) {
    return weights.proximity() * c.proximity()
        + weights.specialty() * c.specialty()
        + weights.load() * c.load()
        + weights.continuity() * c.continuity();
  }

  static MatchingService.Components roundAll(MatchingService.Components c) {
    return new MatchingService.Components(
        round3(c.proximity()), round3(c.specialty()), round3(c.load()), c.continuity());
  }

  static double round1(double x) {
    return Math.round(x * 10) / 10.0;
  }

  static double round3(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
