package cn.yuhao.care.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import cn.binarywang.wx.miniapp.bean.WxMaPhoneNumberInfo;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import java.time.Duration;
import java.util.Set;
import me.chanjar.weixin.common.error.WxErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only door to WeChat, through weixin-java-miniapp, whether the host is api.weixin.qq.com or the
 * built-in simulator. WeChat failures become 503 WECHAT_UNAVAILABLE; the library's messages are never
 * passed on, because they can carry the URL with the app secret.
 */
public final class WeChatGateway {
  private static final Logger log = LoggerFactory.getLogger(WeChatGateway.class);
  /** invalid code, code already used, code of a high-risk user. */
  private static final Set<Integer> BAD_LOGIN_CODE = Set.of(40029, 40163, 40226);

  private final WxMaService service;

  public WeChatGateway(WxMaService service) {
    this.service = service;
  }

  /** @param apiHost null for the real WeChat, else the simulator's base URL */
  public static WxMaService client(String appId, String secret, String apiHost, Duration timeout) {
    WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
    config.setAppid(appId);
    config.setSecret(secret);
    config.useStableAccessToken(true);
    config.setApacheHttpClientBuilder(new BoundedHttpClientBuilder(timeout));
    if (apiHost != null) {
      config.setApiHostUrl(apiHost);
    }
    WxMaService service = new WxMaServiceImpl();
    service.setWxMaConfig(config);
    // The defaults retry "system busy" five times with exponential sleeps (~30 s); a user is
    // waiting.
    service.setMaxRetryTimes(0);
    service.setRetrySleepMillis(100);
    return service;
  }

  public WeChatSession code2Session(String code) {
    try {
      WxMaJscode2SessionResult r = service.getUserService().getSessionInfo(code);
      if (r == null || r.getOpenid() == null || r.getOpenid().isBlank()) {
        throw unavailable("jscode2session", "no openid");
      }
      return new WeChatSession(r.getOpenid(), blankToNull(r.getUnionid()), r.getSessionKey());
    } catch (WxErrorException e) {
      if (BAD_LOGIN_CODE.contains(e.getError().getErrorCode())) {
        throw new AppException(ErrorCode.WECHAT_CODE_INVALID, "微信登录凭证无效或已使用，请重新进入小程序再试");
      }
      throw unavailable("jscode2session", "errcode " + e.getError().getErrorCode());
    } catch (RuntimeException e) {
      throw wrapped("jscode2session", e);
    }
  }

  /** The phone number a user agreed to share, as 11 digits (mainland) or with country code otherwise. */
  public String phoneNumber(String phoneCode) {
    try {
      WxMaPhoneNumberInfo info = service.getUserService().getPhoneNumber(phoneCode);
      if (info == null || info.getPurePhoneNumber() == null) {
        throw unavailable("getuserphonenumber", "no phone");
      }
      String cc = info.getCountryCode();
      return cc == null || cc.equals("86")
          ? info.getPurePhoneNumber()
          : "+" + cc + info.getPurePhoneNumber();
    } catch (WxErrorException e) {
      if (e.getError().getErrorCode() == 40029) {
        throw new AppException(ErrorCode.PHONE_CODE_INVALID, "手机号授权已失效，请重新授权");
      }
      throw unavailable("getuserphonenumber", "errcode " + e.getError().getErrorCode());
    } catch (RuntimeException e) {
      throw wrapped("getuserphonenumber", e);
    }
  }

  /** A 小程序码 PNG for {@code scene} (≤ 32 visible characters), opening {@code page}. */
  public byte[] unlimitedQrCode(String scene, String page) {
    try {
      return service
          .getQrcodeService()
          .createWxaCodeUnlimitBytes(scene, page, false, "release", 430, false, null, false);
    } catch (WxErrorException e) {
      throw unavailable("getwxacodeunlimit", "errcode " + e.getError().getErrorCode());
    } catch (RuntimeException e) {
      throw wrapped("getwxacodeunlimit", e);
    }
  }

  /** WeChat's verdict on a text (msgSecCheck v2): PASS, REVIEW (doubtful) or RISKY, with WeChat's label. */
  public record ContentVerdict(String suggest, int label) {
    public static final ContentVerdict UNCHECKED = new ContentVerdict("UNCHECKED", 0);
  }

  /**
   * Runs user text through WeChat's content security check (v2, needs the author's openid and a scene:
   * 1 资料, 2 评论, 3 论坛, 4 社交日志). When WeChat cannot answer the verdict is UNCHECKED: the caller decides
   * whether to keep the text and flag it, which for a care record is better than losing the visit.
   */
  public ContentVerdict checkText(String openid, int scene, String text) {
    try {
      WxMaMsgSecCheckCheckResponse r = service
          .getSecurityService()
          .checkMessage(WxMaMsgSecCheckCheckRequest.builder()
              .version("2")
              .openid(openid)
              .scene(scene)
              .content(text)
              .build());
      if (r == null || r.getResult() == null || r.getResult().getSuggest() == null) {
        log.warn("WeChat msg_sec_check answered without a result");
        return ContentVerdict.UNCHECKED;
      }
      int label =
          r.getResult().getLabel() == null ? 0 : Integer.parseInt(r.getResult().getLabel());
      return new ContentVerdict(
          r.getResult().getSuggest().toUpperCase(java.util.Locale.ROOT), label);
    } catch (WxErrorException e) {
      log.warn("WeChat msg_sec_check failed: errcode {}", e.getError().getErrorCode());
      return ContentVerdict.UNCHECKED;
    } catch (RuntimeException e) {
      log.warn("WeChat msg_sec_check failed: {}", e.getClass().getSimpleName());
      return ContentVerdict.UNCHECKED;
    }
  }

  /**
   * Runs a photo (a JPEG of at most 750×1334, as WeChat asks) through img_sec_check: RISKY when WeChat flags it
   * (87014), PASS when it does not, UNCHECKED when WeChat cannot answer (the caller keeps the photo then).
   */
  public ContentVerdict checkImage(byte[] jpeg) {
    java.io.File tmp = null;
    try {
      tmp = java.io.File.createTempFile("sec-check", ".jpg");
      java.nio.file.Files.write(tmp.toPath(), jpeg);
      service.getSecurityService().checkImage(tmp);
      return new ContentVerdict("PASS", 0);
    } catch (WxErrorException e) {
      if (e.getError().getErrorCode() == 87014) {
        return new ContentVerdict("RISKY", 87014);
      }
      log.warn("WeChat img_sec_check failed: errcode {}", e.getError().getErrorCode());
      return ContentVerdict.UNCHECKED;
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("WeChat img_sec_check failed: {}", e.getClass().getSimpleName());
      return ContentVerdict.UNCHECKED;
    } finally {
      if (tmp != null) {
        tmp.delete();
      }
    }
  }

  /**
   * Sends a subscribe message. Returns normally when WeChat accepted it; throws {@link SendFailure} with
   * WeChat's errcode otherwise (43101: the user has no grant left; 40003: bad openid), never the library's text.
   */
  public void sendSubscribeMessage(
      String openid, String templateId, String page, java.util.Map<String, String> data) {
    WxMaSubscribeMessage m = new WxMaSubscribeMessage();
    m.setToUser(openid);
    m.setTemplateId(templateId);
    m.setPage(page);
    m.setMiniprogramState("formal");
    m.setLang("zh_CN");
    data.forEach((k, v) -> m.addData(new WxMaSubscribeMessage.MsgData(k, v)));
    try {
      service.getMsgService().sendSubscribeMsg(m);
    } catch (WxErrorException e) {
      throw new SendFailure(e.getError().getErrorCode());
    } catch (RuntimeException e) {
      throw new SendFailure(-2);
    }
  }

  /** A subscribe message WeChat did not accept: its errcode (-2 when WeChat could not be reached). */
  public static final class SendFailure extends RuntimeException {
    private final int errcode;

    SendFailure(int errcode) {
      super("errcode " + errcode, null, false, false);
      this.errcode = errcode;
    }

    public int errcode() {
      return errcode;
    }
  }

  private static RuntimeException wrapped(String call, RuntimeException e) {
    if (e instanceof AppException app) {
      return app;
    }
    return unavailable(call, e.getClass().getSimpleName());
  }

  private static AppException unavailable(String call, String why) {
    // Log only our own words: the library's exception text may contain the secret-bearing URL.
    log.warn("WeChat {} failed: {}", call, why);
    return new AppException(ErrorCode.WECHAT_UNAVAILABLE, "微信服务暂时不可用，请稍后再试");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
