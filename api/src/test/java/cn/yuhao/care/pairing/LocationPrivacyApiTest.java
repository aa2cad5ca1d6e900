package cn.yuhao.care.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.hsr.geohash.BoundingBox;
import ch.hsr.geohash.GeoHash;
import cn.yuhao.care.region.Geo;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Districts;
import cn.yuhao.care.support.Fixtures.Login;
import cn.yuhao.care.support.Fixtures.Volunteer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What volunteers can learn of a waiting child's home before a pairing: at most the ~5 km square (geohash
 * precision 5) it lies in, whatever they combine. District 合川 is this class's alone.
 */
class LocationPrivacyApiTest extends ApiTest {
  private static final String D_500117 = Districts.claim(LocationPrivacyApiTest.class, "500117");
  private static final String HECHUAN = D_500117;

  /** A ~4.9 km × 4.2 km square in 合川 and two homes in it about 5 km apart, near opposite corners. */
  private static final BoundingBox SQUARE =
      GeoHash.withCharacterPrecision(30.02, 106.28, 5).getBoundingBox();

  private static final double H = SQUARE.getNorthLatitude() - SQUARE.getSouthLatitude();
  private static final double W = SQUARE.getEastLongitude() - SQUARE.getWestLongitude();
  private static final double[] HOME_A = {
    SQUARE.getSouthLatitude() + 0.1 * H, SQUARE.getWestLongitude() + 0.1 * W
  };
  private static final double[] HOME_B = {
    SQUARE.getNorthLatitude() - 0.1 * H, SQUARE.getEastLongitude() - 0.1 * W
  };

  @Test
  void volunteers_cannot_triangulate_a_child_finer_than_the_square_she_lives_in() {
    Login da = fixtures.districtAdmin(HECHUAN);
    String a = waitingChild(da, HOME_A);
    String b = waitingChild(da, HOME_B);
    // Three volunteers: one at each home, one a square to the east.
    List<double[]> posts =
        List.of(HOME_A, HOME_B, new double[] {HOME_A[0] + 0.3 * H, HOME_A[1] + 1.4 * W});
    List<Volunteer> spies = posts.stream()
        .map(p -> fixtures.admittedVolunteer(da, HECHUAN, p[0], p[1], List.of("TEACHER"), 1))
        .toList();

    List<List<Map<String, Object>>> seen = new ArrayList<>();
    for (Volunteer v : spies) {
      String raw = api(v.login().token())
          .queryParam("limit", 50)
          .get("/api/v1/volunteers/me/match-suggestions")
          .then()
          .statusCode(200)
          .extract()
          .asString();
      List<Map<String, Object>> items = JsonPath.from(raw).getList("items");
      assertThat(items).hasSize(2);
      for (Map<String, Object> item : items) {
        assertThat(item.keySet())
            .isEqualTo(
                Set.of("ref", "alias", "ageBand", "needs", "distanceBand", "reasons", "requested"));
        // No figure at all: nothing to invert into metres.
        assertThat(item.values()).noneMatch(value -> value instanceof Number);
      }
      // Homes 5 km apart in one square answer alike, even to a volunteer living at one of them.
      assertThat(items.stream().map(i -> i.get("distanceBand")).collect(Collectors.toSet()))
          .hasSize(1);
      assertThat(items.stream().map(i -> i.get("reasons")).collect(Collectors.toSet()))
          .hasSize(1);
      assertThat(raw).doesNotContain(a).doesNotContain(b).doesNotContain("公里\",\"score");
      seen.add(items);
    }

    // The attack: the three pool what they saw of one child (the alias is the same for all) and
    // keep every point
    // on a 100 m grid that would have given each of them the band she got.
    String alias = (String) seen.get(0).get(0).get("alias");
    double minLat = 90;
    double maxLat = -90;
    double minLng = 180;
    double maxLng = -180;
    boolean truthKept = false;
    for (double lat = HOME_A[0] - 0.15; lat <= HOME_A[0] + 0.15; lat += 0.0009) {
      for (double lng = HOME_A[1] - 0.15; lng <= HOME_A[1] + 0.15; lng += 0.00104) {
        boolean consistent = true;
        for (int i = 0; i < spies.size() && consistent; i++) {
          String band = (String) seen.get(i).stream()
              .filter(it -> alias.equals(it.get("alias")))
              .findFirst()
              .orElseThrow()
              .get("distanceBand");
          consistent = band.equals(bandFor(posts.get(i), lat, lng));
        }
        if (consistent) {
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
          minLng = Math.min(minLng, lng);
          maxLng = Math.max(maxLng, lng);
          truthKept |= Math.abs(lat - HOME_A[0]) < 0.001 && Math.abs(lng - HOME_A[1]) < 0.0011
              || Math.abs(lat - HOME_B[0]) < 0.001 && Math.abs(lng - HOME_B[1]) < 0.0011;
        }
      }
    }
    assertThat(truthKept).isTrue();
    // Still at least the whole square: ~4.9 km north–south, ~4.2 km east–west.
    assertThat(Geo.km(minLat, minLng, maxLat, minLng)).isGreaterThan(4.5);
    assertThat(Geo.km(minLat, minLng, minLat, maxLng)).isGreaterThan(3.8);
  }

  /** The band a volunteer at {@code post} is shown for a home at (lat, lng), as the service computes it. */
  private static String bandFor(double[] post, double lat, double lng) {
    int ring = Geo.ring(
        GeoHash.withCharacterPrecision(post[0], post[1], 5).toBase32(),
        GeoHash.withCharacterPrecision(lat, lng, 5).toBase32());
    return List.of("约 5 公里内", "约 5–10 公里", "约 10–15 公里", "15 公里以上").get(Math.min(ring, 3));
  }

  private String waitingChild(Login da, double[] home) {
    String id =
        fixtures.child(da, HECHUAN, home[0], home[1], Map.of("needs", List.of("ACADEMIC_LAG")));
    fixtures.consent(da, id);
    return id;
  }
}
