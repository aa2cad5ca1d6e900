package cn.yuhao.care.troupe;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.yuhao.care.file.TestFiles;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The year-end self-check: the coach writes it with photos; her troupe's photos are hers and the admins' to see. */
class SelfCheckApiTest extends ApiTest {
  @Test
  void the_coach_files_the_self_check_with_photos_and_only_staff_see_them() {
    TroupeApiTest.Running t = TroupeApiTest.troupe(TroupeApiTest.PENGSHUI, "RUNNING", "测试：年度自查");
    int year = server.clock().instant().atZone(ZoneId.of("Asia/Shanghai")).getYear();
    String photo = TestFiles.upload(
        server.app().port(), t.coach().token(), "SELF_CHECK", TestFiles.png(16, 9));
    api(t.coach().token())
        .body(Map.of("summary", "全年开展训练 30 次，参赛一次。", "attachmentIds", List.of(photo)))
        .put("/api/v1/troupes/{id}/self-checks/{year}", t.id(), year)
        .then()
        .statusCode(200)
        .body("year", equalTo(year))
        .body("attachments", hasSize(1));
    // Written again: the text is replaced, the photo stays.
    api(t.admin().token())
        .body(Map.of("summary", "全年开展训练 31 次，参赛一次。"))
        .put("/api/v1/troupes/{id}/self-checks/{year}", t.id(), year)
        .then()
        .statusCode(200)
        .body("summary", equalTo("全年开展训练 31 次，参赛一次。"))
        .body("attachments[0].id", equalTo(photo));
    api(t.coach().token())
        .get("/api/v1/troupes/{id}/self-checks", t.id())
        .then()
        .statusCode(200)
        .body("items", hasSize(1));
    api(t.admin().token()).get("/api/v1/files/{id}", photo).then().statusCode(200);

    Login stranger = fixtures.districtAdmin("500101");
    api(stranger.token()).get("/api/v1/files/{id}", photo).then().statusCode(404);
    api(stranger.token()).get("/api/v1/troupes/{id}/self-checks", t.id()).then().statusCode(404);
    raw(t.coach().token())
        .contentType("application/json")
        .body(Map.of("summary", "太早"))
        .put("/api/v1/troupes/{id}/self-checks/{year}", t.id(), year - 2)
        .then()
        .statusCode(422)
        .body("fields[0].field", equalTo("year"));
    raw(t.coach().token())
        .contentType("application/json")
        .body(Map.of("summary", " "))
        .put("/api/v1/troupes/{id}/self-checks/{year}", t.id(), year)
        .then()
        .statusCode(422);
  }
}
