package cn.yuhao.care;

import cn.yuhao.care.audit.AuditLog;
import cn.yuhao.care.casefile.ChildFileRoutes;
import cn.yuhao.care.casefile.ChildFileService;
import cn.yuhao.care.checklist.CareService;
import cn.yuhao.care.checklist.DirectorRoutes;
import cn.yuhao.care.checklist.DirectorService;
import cn.yuhao.care.checklist.PlanAttention;
import cn.yuhao.care.checklist.PlanRoutes;
import cn.yuhao.care.checklist.PlanService;
import cn.yuhao.care.child.ChildService;
import cn.yuhao.care.child.ConsentService;
import cn.yuhao.care.concern.AgencyReplies;
import cn.yuhao.care.concern.ConcernAlerts;
import cn.yuhao.care.concern.ConcernHandling;
import cn.yuhao.care.concern.ReferralRoutes;
import cn.yuhao.care.concern.ReferralService;
import cn.yuhao.care.config.AppConfig;
import cn.yuhao.care.file.FilePurpose;
import cn.yuhao.care.file.FileRoutes;
import cn.yuhao.care.file.FileService;
import cn.yuhao.care.file.FileStore;
import cn.yuhao.care.file.LocalFileStore;
import cn.yuhao.care.file.S3FileStore;
import cn.yuhao.care.http.RateLimiter;
import cn.yuhao.care.privacy.FieldCipher;
import cn.yuhao.care.troupe.SelfCheckService;
import cn.yuhao.care.wechat.WeChatGateway;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The case-work part of the object graph (files, self-checks, referrals), built by {@link Wiring} with constructors only. */
final class CaseWiring {
  record Built(
      ConcernHandling concernHandling,
      FileService files,
      SelfCheckService selfChecks,
      ReferralService referrals,
      AgencyReplies agencies,
      PlanService plans,
      PlanAttention attention,
      CaseRoutes.Handlers routes) {

    App.CaseWork caseWork() {
      return new App.CaseWork(files, referrals, agencies, concernHandling, plans);
    }
  }

  private CaseWiring() {}

  static Built wire(
      AppConfig config,
      Jdbi jdbi,
      FieldCipher cipher,
      WeChatGateway wechat,
      AuditLog audit,
      ConcernAlerts alerts,
      ObjectMapper json,
      Clock clock,
      CareService care,
      ChildService children,
      ConsentService consents) {
    SelfCheckService selfChecks = new SelfCheckService(jdbi, audit, clock);
    FileService files = new FileService(
        jdbi,
        fileStore(config),
        cipher,
        audit,
        // Who else may read a file, by what it is attached to (admins in scope and the uploader
        // always may).
        Map.of(
            FilePurpose.CARE_RECORD.ownerKind(), care::mayReadRecord,
            FilePurpose.SELF_CHECK.ownerKind(), selfChecks::mayRead),
        // Uploads: 60 per person, refilled over an hour (a visit's photos are nine at most).
        new RateLimiter(60, Duration.ofHours(1)),
        wechat,
        clock);
    ReferralService referrals =
        new ReferralService(jdbi, cipher, wechat, audit, config.careRules(), alerts, clock);
    AgencyReplies agencies = new AgencyReplies(jdbi, cipher, files, audit, clock);
    ReferralRoutes referralRoutes = new ReferralRoutes(
        referrals,
        agencies,
        // Agencies opening links: 30 a minute per address.
        new RateLimiter(30, Duration.ofMinutes(1)),
        json);
    PlanService plans = new PlanService(jdbi, cipher, audit, clock);
    PlanAttention attention = new PlanAttention(jdbi, config.careRules().highRiskPlanDays(), clock);
    return new Built(
        new ConcernHandling(jdbi, cipher, audit, alerts, clock),
        files,
        selfChecks,
        referrals,
        agencies,
        plans,
        attention,
        new CaseRoutes.Handlers(
            new FileRoutes(files),
            referralRoutes,
            new PlanRoutes(plans, attention, json),
            new ChildFileRoutes(
                new ChildFileService(jdbi, children, consents, plans, cipher, audit, clock)),
            new DirectorRoutes(new DirectorService(jdbi, cipher, audit, clock), json)));
  }

  /** Sealed files under DATA_DIR/files, or an S3-compatible bucket when FILE_STORE=s3. */
  private static FileStore fileStore(AppConfig config) {
    return config.fileStore().kind().equals("s3")
        ? S3FileStore.connect(config.fileStore())
        : new LocalFileStore(config.dataDir().resolve("files"));
  }
}
