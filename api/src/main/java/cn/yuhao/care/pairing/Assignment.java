package cn.yuhao.care.pairing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * The coverage assignment (应结尽结): children to volunteers within each volunteer's free capacity, first
 * pairing as many children as possible, then maximising the total score. Solved exactly as a minimum-cost
 * flow (JGraphT's capacity scaling): every child sends one unit either through a volunteer (cost 1000 − score)
 * or straight to the sink at a cost higher than any gain in score, so leaving a child out never pays.
 */
final class Assignment {
  /** A possible pair: child index, volunteer index, score in thousandths (0–1000). */
  record Edge(int child, int volunteer, int score) {}

  record Result(List<Edge> pairs, long totalScore) {}

  private Assignment() {}

  static Result optimal(int children, int[] freeCapacity, List<Edge> edges) {
    int volunteers = freeCapacity.length;
    int sink = children + volunteers;
    // The algorithm reads arc costs from the graph's edge weights.
    Graph<Integer, DefaultWeightedEdge> g =
        new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v <= sink; v++) {
      g.addVertex(v);
    }
    Map<DefaultWeightedEdge, Integer> capacity = new HashMap<>();
    Map<DefaultWeightedEdge, Edge> pairOf = new HashMap<>();
    double unpaired = 1000.0 * (children + 1);
    for (Edge e : edges) {
      DefaultWeightedEdge arc = g.addEdge(e.child(), children + e.volunteer());
      if (arc != null) {
        g.setEdgeWeight(arc, 1000.0 - e.score());
        capacity.put(arc, 1);
        pairOf.put(arc, e);
      }
    }
    for (int v = 0; v < volunteers; v++) {
      DefaultWeightedEdge arc = g.addEdge(children + v, sink);
      g.setEdgeWeight(arc, 0.0);
      capacity.put(arc, freeCapacity[v]);
    }
    for (int c = 0; c < children; c++) {
      DefaultWeightedEdge arc = g.addEdge(c, sink);
      g.setEdgeWeight(arc, unpaired);
      capacity.put(arc, 1);
    }
    var problem =
        new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<Integer, DefaultWeightedEdge>(
            g,
            v -> v < children ? 1 : v == sink ? -children : 0,
            capacity::get,
            e -> 0,
            g::getEdgeWeight);
    var flow = new CapacityScalingMinimumCostFlow<Integer, DefaultWeightedEdge>()
        .getMinimumCostFlow(problem);
    List<Edge> pairs = new ArrayList<>();
    long total = 0;
    for (var entry : flow.getFlowMap().entrySet()) {
      Edge e = pairOf.get(entry.getKey());
      if (e != null && entry.getValue() > 0.5) {
        pairs.add(e);
        total += e.score();
      }
    }
    return new Result(pairs, total);
  }

  /** The obvious greedy (best-scoring pair first), kept only to show what the optimum gains over it. */
  static Result greedy(int children, int[] freeCapacity, List<Edge> edges) {
    int[] free = freeCapacity.clone();
    boolean[] paired = new boolean[children];
    List<Edge> pairs = new ArrayList<>();
    long total = 0;
    for (Edge e :
        edges.stream().sorted(Comparator.comparingInt(Edge::score).reversed()).toList()) {
      if (!paired[e.child()] && free[e.volunteer()] > 0) {
        paired[e.child()] = true;
        free[e.volunteer()]--;
        pairs.add(e);
        total += e.score();
      }
    }
    return new Result(pairs, total);
  }
}
