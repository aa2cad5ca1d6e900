package cn.yuhao.care.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway through weixin-java-miniapp against the simulator, and against a host that is down. */
class WeChatGatewayTest {
  private static WeChatSimulator simulator;
  private static WxMaService client;
  private static WeChatGateway gateway;

  @BeforeAll
  static void start() {
    simulator = WeChatSimulator.start();
    client = WeChatGateway.client(
        WeChatSimulator.APP_ID, WeChatSimulator.SECRET, simulator.baseUrl(), Duration.ofSeconds(2));
    gateway = new WeChatGateway(client);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void login_code_maps_to_a_dev_openid() {
    WeChatSession s = gateway.code2Session("alice");
    assertThat(s.openid()).isEqualTo("dev_alice");
    assertThat(s.sessionKey()).isNotBlank();
  }

  @Test
  void phone_code_gives_the_deterministic_number() {
    assertThat(gateway.phoneNumber("p1"))
        .isEqualTo(WeChatSimulator.phoneFor("p1"))
        .matches("138[0-9]{8}");
    assertThatThrownBy(() -> gateway.phoneNumber("invalid-1"))
        .isInstanceOfSatisfying(
            AppException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.PHONE_CODE_INVALID));
  }

  @Test
  void wxa_code_is_a_real_png_qr_of_the_scene() throws Exception {
    byte[] png = gateway.unlimitedQrCode("t=42&k=abc", "pages/index/index");
    var image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    assertThat(cn.yuhao.care.support.QrCodes.read(image)).isEqualTo("t=42&k=abc");
    assertThatThrownBy(() -> gateway.unlimitedQrCode("x".repeat(33), "pages/index/index"))
        .isInstanceOf(AppException.class);
  }

  @Test
  void subscribe_messages_are_recorded() throws Exception {
    client
        .getMsgService()
        .sendSubscribeMsg(WxMaSubscribeMessage.builder()
            .toUser("dev_bob")
            .templateId("tpl-weekly")
            .page("pages/care/index")
            .build()
            .addData(new WxMaSubscribeMessage.MsgData("thing1", "本周联系")));
    assertThat(simulator.sentMessages()).anySatisfy(m -> {
      assertThat(m.toUser()).isEqualTo("dev_bob");
      assertThat(m.data()).containsEntry("thing1", "本周联系");
    });
  }

  @Test
  void a_host_that_is_down_is_503_quickly() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    WeChatGateway down = new WeChatGateway(WeChatGateway.client(
        WeChatSimulator.APP_ID,
        WeChatSimulator.SECRET,
        "http://127.0.0.1:" + closedPort,
        Duration.ofSeconds(1)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> down.code2Session("alice"))
        .isInstanceOfSatisfying(AppException.class, e -> {
          assertThat(e.error()).isEqualTo(ErrorCode.WECHAT_UNAVAILABLE);
          assertThat(e.getMessage()).doesNotContain(WeChatSimulator.SECRET);
        });
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
  }

  @Test
  void wrong_secret_is_unavailable_not_leaked() {
    WeChatGateway wrong = new WeChatGateway(WeChatGateway.client(
        WeChatSimulator.APP_ID, "wrong-secret", simulator.baseUrl(), Duration.ofSeconds(1)));
    assertThatThrownBy(() -> wrong.code2Session("alice"))
        .isInstanceOfSatisfying(AppException.class, e -> {
          assertThat(e.error()).isEqualTo(ErrorCode.WECHAT_UNAVAILABLE);
          assertThat(e.getMessage()).doesNotContain("wrong-secret");
        });
  }
}
