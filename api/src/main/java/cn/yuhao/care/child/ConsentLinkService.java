package cn.yuhao.care.child;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.auth.Caller;
import cn.yuhao.care.child.ConsentLinkDao.Link;
import cn.yuhao.care.db.Ids;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import cn.yuhao.care.http.Fields;
import cn.yuhao.care.privacy.BlindIndex;
import cn.yuhao.care.privacy.Masking;
import cn.yuhao.care.privacy.SignedScene;
import cn.yuhao.care.region.Region;
import cn.yuhao.care.region.RegionService;
import cn.yuhao.care.wechat.WeChatGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Guardian consent in the mini-program: the admin issues a one-time 小程序码 whose scene is the link id with an
 * HMAC tag (≤ 32 characters, unforgeable); the guardian logs in with WeChat, reads what will be shared and with
 * whom, and agrees or refuses. An agreement is recorded as a WECHAT consent carrying who answered, when and the
 * version of the text; a refusal is kept on the link. Links expire after 7 days and answer once.
 */
public final class ConsentLinkService {
  /** The page of the mini-program that opens a consent link. */
  public static final String PAGE = "pages/consent/index";

  static final Duration VALID_FOR = Duration.ofDays(7);
  /** Bump when the text below changes; every consent records the version the guardian read. */
  public static final String TEXT_VERSION = "2026-11";

  static final String TEXT = "为了让孩子得到“爱心妈妈”的结对关爱，区妇联将把孩子的姓名、年龄、年级、关爱需求，以及您的姓名和"
      + "联系电话，提供给与孩子结对的爱心妈妈志愿者，并由区、市妇联工作人员在关爱工作中查阅。身份证号和家庭住址不会提供给志愿者。"
      + "您可以随时联系区妇联撤回同意，撤回后结对即结束。";
  static final List<String> SHARED = List.of("孩子的姓名、年龄、年级", "孩子的关爱需求", "监护人姓名和联系电话");
  static final List<String> SHARED_WITH = List.of("与孩子结对的爱心妈妈志愿者", "区、市妇联关爱工作人员");

  public record Issued(String id, String scene, String page, Instant expiresAt, String qrCodePng) {}

  /** {@code madeFor}: the guardians on file (names masked), so whoever scans sees whom the link was made for. */
  public record LinkView(
      String childName,
      String districtName,
      String street,
      List<MadeFor> madeFor,
      String text,
      String textVersion,
      List<String> shared,
      List<String> sharedWith,
      Instant expiresAt,
      String status) {}

  public record MadeFor(String name, String relation) {}

  public record Answer(Boolean agree, String guardianName, String relation) {}

  public record Answered(String status, Instant answeredAt) {}

  private final Jdbi jdbi;
  private final SignedScene scenes;
  private final WeChatGateway wechat;
  private final RegionService regions;
  private final AuditLog audit;
  private final Clock clock;

  public ConsentLinkService(
      Jdbi jdbi,
      BlindIndex tags,
      WeChatGateway wechat,
      RegionService regions,
      AuditLog audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.scenes = new SignedScene(tags, "consent-link");
    this.wechat = wechat;
    this.regions = regions;
    this.audit = audit;
    this.clock = clock;
  }

  public Issued issue(Caller admin, long childId) {
    long id = Ids.next();
    Instant now = clock.instant();
    String scene = scene(id);
    // The code is drawn first: if WeChat is down nothing is stored and the admin simply tries
    // again.
    ChildRow child = jdbi.withHandle(
            h -> new ChildDao(h).findInScope(childId, admin.adminScope(), false))
        .orElseThrow(() -> AppException.notFound("儿童"));
    if (!admin.adminScope().coversDistrict(child.districtCode())) {
      throw new AppException(ErrorCode.FORBIDDEN, "只有区县或市级管理员可以发起监护人同意");
    }
    if (!"ACTIVE".equals(child.status())) {
      throw new AppException(ErrorCode.CHILD_NOT_ACTIVE, "该儿童不在关爱中，无需征求同意");
    }
    byte[] png = wechat.unlimitedQrCode(scene, PAGE);
    Instant expires = now.plus(VALID_FOR);
    jdbi.useTransaction(h -> {
      new ConsentLinkDao(h).insert(id, childId, child, TEXT_VERSION, expires, admin.userId(), now);
      audit.record(h, admin, "consent.link.issue", "child", Long.toString(childId), "link " + id);
    });
    return new Issued(
        Long.toString(id), scene, PAGE, expires, Base64.getEncoder().encodeToString(png));
  }

  /**
   * The link's 小程序码 again, as a PNG for an image tag (an admin showing it to the guardian): only while the
   * link is open; an answered or expired link, or one of another child, is not found.
   */
  public byte[] qrPng(Caller admin, long childId, long linkId) {
    String scene = jdbi.withHandle(h -> {
      new ChildDao(h)
          .findInScope(childId, admin.adminScope(), false)
          .orElseThrow(() -> AppException.notFound("儿童"));
      return new ConsentLinkDao(h)
          .find(linkId, false)
          .filter(l -> l.childId() == childId)
          .filter(l -> l.answeredAt() == null && clock.instant().isBefore(l.expiresAt()))
          .map(l -> scene(l.id()))
          .orElseThrow(() -> AppException.notFound("同意链接"));
    });
    return wechat.unlimitedQrCode(scene, PAGE);
  }

  /** What the guardian sees before answering: the child's name masked, what is shared, with whom. */
  public LinkView open(Caller guardian, String scene) {
    return jdbi.inTransaction(h -> {
      Link link = find(h, scene, false);
      audit.record(
          h,
          guardian,
          "consent.link.open",
          "child",
          Long.toString(link.childId()),
          "link " + link.id());
      String district = regions.districts().stream()
          .filter(r -> r.code().equals(link.districtCode()))
          .map(Region::name)
          .findFirst()
          .orElse(link.districtCode());
      List<MadeFor> madeFor = new ConsentLinkDao(h)
          .guardians(link.childId()).stream()
              .map(g -> new MadeFor(Masking.name(g.name()), g.relation()))
              .toList();
      return new LinkView(
          Masking.name(link.childName()),
          district,
          link.street(),
          madeFor,
          TEXT,
          link.textVersion(),
          SHARED,
          SHARED_WITH,
          link.expiresAt(),
          status(link));
    });
  }

  public Answered answer(Caller guardian, String scene, Answer a) {
    Fields f = new Fields().require("agree", a.agree());
    if (Boolean.TRUE.equals(a.agree())) {
      f.require("guardianName", a.guardianName())
          .maxLength("guardianName", a.guardianName(), 32)
          .require("relation", a.relation())
          .check(
              a.relation(),
              ChildCodes.is(ChildCodes.RELATIONS, a.relation()),
              "relation",
              "没有这种监护关系");
    }
    f.throwIfAny();
    return jdbi.inTransaction(h -> {
      Link link = find(h, scene, true);
      String status = status(link);
      if (status.equals("EXPIRED")) {
        throw new AppException(ErrorCode.CONSENT_LINK_EXPIRED, "该同意链接已过期，请联系区妇联重新发起");
      }
      if (!status.equals("OPEN")) {
        throw new AppException(ErrorCode.CONSENT_LINK_USED, "该同意链接已经使用过");
      }
      Instant now = clock.instant();
      Long consentId = null;
      if (a.agree()) {
        consentId = Ids.next();
        new ConsentDao(h)
            .insert(
                consentId,
                link.childId(),
                new ConsentService.ConsentInput(
                    a.guardianName().trim(),
                    a.relation(),
                    "WECHAT",
                    now,
                    "小程序同意：" + String.join("；", SHARED),
                    link.textVersion(),
                    null),
                guardian.userId(),
                now);
      }
      String outcome = a.agree() ? "ACCEPTED" : "REFUSED";
      new ConsentLinkDao(h)
          .answer(
              link.id(),
              guardian.userId(),
              outcome,
              a.guardianName() == null ? null : a.guardianName().trim(),
              a.relation(),
              consentId,
              now);
      audit.record(
          h,
          guardian,
          a.agree() ? "consent.link.accept" : "consent.link.refuse",
          "child",
          Long.toString(link.childId()),
          "link " + link.id() + " text " + link.textVersion());
      return new Answered(outcome, now);
    });
  }

  /** The scene: the link id (base 36) and a 64-bit HMAC tag of it; at most 30 characters. */
  String scene(long id) {
    return scenes.of(id);
  }

  /** The link a scene names, when its tag is right; anything else is simply not found. */
  private Link find(Handle h, String scene, boolean forUpdate) {
    long id = scenes.idOf(scene);
    if (id < 0) {
      throw AppException.notFound("同意链接");
    }
    Optional<Link> link = new ConsentLinkDao(h).find(id, forUpdate);
    return link.orElseThrow(() -> AppException.notFound("同意链接"));
  }

  private String status(Link link) {
    if (link.outcome() != null) {
      return link.outcome();
    }
    return clock.instant().isAfter(link.expiresAt()) ? "EXPIRED" : "OPEN";
  }
}
