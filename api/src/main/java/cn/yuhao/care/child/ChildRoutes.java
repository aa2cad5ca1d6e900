package cn.yuhao.care.child;

import cn.yuhao.care.auth.AuthFilter;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Json;
import cn.yuhao.care.http.Params;
import cn.yuhao.care.http.ReasonRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** HTTP for the child ledger (台账). */
public final class ChildRoutes {
  public static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** An .xlsx of 20 000 ledger rows is about 2 MB; this leaves room without inviting abuse. */
  static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

  private final ChildService children;
  private final ConsentService consents;
  private final ChildImportService imports;
  private final ConsentLinkService links;
  private final ObjectMapper json;

  public ChildRoutes(
      ChildService children,
      ConsentService consents,
      ChildImportService imports,
      ConsentLinkService links,
      ObjectMapper json) {
    this.children = children;
    this.consents = consents;
    this.imports = imports;
    this.links = links;
    this.json = json;
  }

  public void issueConsentLink(Context ctx) {
    ctx.status(201).json(links.issue(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void consentLinkPng(Context ctx) {
    byte[] png =
        links.qrPng(AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "linkId"));
    ctx.header("Cache-Control", "private, no-store").contentType("image/png").result(png);
  }

  public void openConsentLink(Context ctx) {
    ctx.json(links.open(AuthFilter.caller(ctx), ctx.pathParam("scene")));
  }

  public void answerConsentLink(Context ctx) {
    var in = Json.read(ctx, json, ConsentLinkService.Answer.class);
    ctx.json(links.answer(AuthFilter.caller(ctx), ctx.pathParam("scene"), in));
  }

  public void importTemplate(Context ctx) {
    ctx.contentType(XLSX)
        .header(
            "Content-Disposition",
            "attachment; filename=\"child-ledger-template.xlsx\"; "
                + "filename*=UTF-8''%E5%84%BF%E7%AB%A5%E5%8F%B0%E8%B4%A6%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx")
        .result(imports.template());
  }

  /** The ledger as the raw .xlsx body (wx.request can send an ArrayBuffer); ?dryRun=true checks only. */
  public void importLedger(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase().startsWith(XLSX)) {
      throw new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "请以 " + XLSX + " 格式上传 .xlsx 文件");
    }
    String dryRun = ctx.queryParam("dryRun");
    if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
      throw AppException.invalid("dryRun", "应为 true 或 false");
    }
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = in.readNBytes(MAX_UPLOAD_BYTES + 1);
    } catch (IOException e) {
      throw new AppException(ErrorCode.BAD_REQUEST, "无法读取上传的文件");
    }
    if (body.length > MAX_UPLOAD_BYTES) {
      throw new AppException(ErrorCode.PAYLOAD_TOO_LARGE, "文件不能超过 10 MB，请分批导入");
    }
    ctx.json(imports.importFile(AuthFilter.caller(ctx), body, "true".equals(dryRun)));
  }

  public void create(Context ctx) {
    ChildService.ChildInput in = Json.read(ctx, json, ChildService.ChildInput.class);
    ctx.status(201).json(children.create(AuthFilter.caller(ctx), in));
  }

  public void update(Context ctx) {
    ChildService.ChildInput in = Json.read(ctx, json, ChildService.ChildInput.class);
    ctx.json(children.update(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void get(Context ctx) {
    ctx.json(children.get(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void list(Context ctx) {
    String district = AuthFilter.districtInScope(ctx);
    ChildService.Filter f = new ChildService.Filter(
        district,
        AuthFilter.streetInScope(ctx, district),
        Params.optional(ctx, "status", 16),
        Params.optional(ctx, "category", 32),
        Params.optional(ctx, "careLevel", 16),
        Params.optional(ctx, "name", 32),
        "true".equals(Params.optional(ctx, "comingOfAgeDue", 5)),
        "true".equals(Params.optional(ctx, "possibleDuplicate", 5)));
    ctx.json(children.list(AuthFilter.caller(ctx), f, Params.before(ctx), Params.limit(ctx)));
  }

  public void sensitive(Context ctx) {
    ctx.json(children.sensitive(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void recordConsent(Context ctx) {
    ConsentService.ConsentInput in = Json.read(ctx, json, ConsentService.ConsentInput.class);
    ctx.status(201).json(consents.record(AuthFilter.caller(ctx), Params.id(ctx, "id"), in));
  }

  public void listConsents(Context ctx) {
    ctx.json(consents.list(AuthFilter.caller(ctx), Params.id(ctx, "id")));
  }

  public void withdrawConsent(Context ctx) {
    String reason = Json.read(ctx, json, ReasonRequest.class).reason();
    ctx.json(consents.withdraw(
        AuthFilter.caller(ctx), Params.id(ctx, "id"), Params.id(ctx, "consentId"), reason));
  }
}
