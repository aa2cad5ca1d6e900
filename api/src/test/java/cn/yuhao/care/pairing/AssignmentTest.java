package cn.yuhao.care.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The min-cost-flow assignment against brute force on many small random cases. */
class AssignmentTest {

  @Test
  void matches_brute_force_on_random_small_cases() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      int children = 1 + random.nextInt(5);
      int[] capacity = new int[1 + random.nextInt(3)];
      for (int v = 0; v < capacity.length; v++) {
        capacity[v] = 1 + random.nextInt(2);
      }
      List<Assignment.Edge> edges = new ArrayList<>();
      for (int c = 0; c < children; c++) {
        for (int v = 0; v < capacity.length; v++) {
          if (random.nextInt(3) > 0) {
            edges.add(new Assignment.Edge(c, v, random.nextInt(1001)));
          }
        }
      }
      Assignment.Result got = Assignment.optimal(children, capacity, edges);
      long[] best = brute(0, children, capacity.clone(), edges, 0, 0);
      assertThat(new long[] {got.pairs().size(), got.totalScore()})
          .as("round %d", round)
          .containsExactly(best);
      Assignment.Result greedy = Assignment.greedy(children, capacity, edges);
      assertThat(greedy.pairs().size()).isLessThanOrEqualTo(got.pairs().size());
    }
  }

  /** The best (pairs, score) by trying every choice for every child, pairs first. */
  private static long[] brute(
      int child, int children, int[] free, List<Assignment.Edge> edges, long pairs, long score) {
    if (child == children) {
      return new long[] {pairs, score};
    }
    long[] best = brute(child + 1, children, free, edges, pairs, score);
    for (Assignment.Edge e : edges) {
      if (e.child() == child && free[e.volunteer()] > 0) {
        free[e.volunteer()]--;
        long[] r = brute(child + 1, children, free, edges, pairs + 1, score + e.score());
        free[e.volunteer()]++;
        if (r[0] > best[0] || (r[0] == best[0] && r[1] > best[1])) {
          best = r;
        }
      }
    }
    return best;
  }
}
