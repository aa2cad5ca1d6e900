package cn.yuhao.care;

import static cn.yuhao.care.RouteRoles.CITY_ADMIN;
import static cn.yuhao.care.RouteRoles.COACH;
import static cn.yuhao.care.RouteRoles.DISTRICT_ADMIN;
import static cn.yuhao.care.RouteRoles.STREET_SUPERVISOR;
import static cn.yuhao.care.RouteRoles.VOLUNTEER;
import static cn.yuhao.care.RouteRoles.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import cn.yuhao.care.file.FileRoutes;

/**
 * The route table of case work: files (attachments). Read with {@link ApiRoutes}; the roles are on every
 * route.
 */
final class CaseRoutes {
  /** The handlers of this table, built by {@code Wiring}. */
  record Handlers(FileRoutes files) {}

  private CaseRoutes() {}

  static void register(Handlers h) {
    post(
        "/files",
        h.files()::upload,
        VOLUNTEER,
        COACH,
        STREET_SUPERVISOR,
        DISTRICT_ADMIN,
        CITY_ADMIN);
    get(
        "/files/{id}",
        h.files()::read,
        VOLUNTEER,
        COACH,
        STREET_SUPERVISOR,
        DISTRICT_ADMIN,
        CITY_ADMIN);
  }
}
