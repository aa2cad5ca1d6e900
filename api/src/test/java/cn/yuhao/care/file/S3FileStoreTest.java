package cn.yuhao.care.file;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yuhao.care.App;
import cn.yuhao.care.config.FileStoreConfig;
import cn.yuhao.care.support.ApiTest;
import cn.yuhao.care.support.Fixtures.Login;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 path against a real S3-protocol server: S3Proxy (from Maven Central, copied to target/s3proxy by the
 * build), run as a child process with its in-memory store, and a second instance of the service with
 * FILE_STORE=s3 on the same database.
 */
class S3FileStoreTest extends ApiTest {
  private static final String BUCKET = "yuhao-files";
  private static Process proxy;
  private static FileStoreConfig config;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createDirectories(Path.of("target", "s3proxy"));
    Path props = dir.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=test-access",
            "s3proxy.credential=test-secret",
            "jclouds.provider=transient",
            "jclouds.identity=unused",
            "jclouds.credential=unused"));
    proxy = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            dir.resolve("s3proxy.jar").toString(),
            "--properties",
            props.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("s3proxy.log").toFile())
        .start();
    awaitPort(port);
    config = FileStoreConfig.parse(Map.of(
        "FILE_STORE", "s3",
        "S3_ENDPOINT", "http://127.0.0.1:" + port,
        "S3_BUCKET", BUCKET,
        "S3_REGION", "us-east-1",
        "S3_ACCESS_KEY", "test-access",
        "S3_SECRET_KEY", "test-secret"));
    client().createBucket(b -> b.bucket(BUCKET));
  }

  /** Waits for the child's port to open: up to two minutes on a busy machine, then fails. */
  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!proxy.isAlive()) {
        throw new IllegalStateException("S3Proxy exited; see target/s3proxy/s3proxy.log");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("S3Proxy did not open port " + port);
  }

  private static S3Client client() {
    return S3FileStore.client(config);
  }

  @AfterAll
  static void stopS3Proxy() {
    if (proxy != null) {
      proxy.destroy();
    }
  }

  @Test
  void the_store_puts_gets_and_removes_through_the_s3_protocol() {
    S3FileStore store = S3FileStore.connect(config);
    byte[] sealed = {1, 2, 3, 4, 5};
    store.put("files/2026/12/1", sealed);
    assertThat(store.get("files/2026/12/1")).isEqualTo(sealed);
    store.remove("files/2026/12/1");
    assertThatThrownBy(() -> store.get("files/2026/12/1")).isInstanceOf(UncheckedIOException.class);
    store.remove("files/2026/12/1"); // removing twice is harmless
  }

  @Test
  void a_service_on_s3_keeps_only_ciphertext_in_the_bucket() {
    try (App other = server.another(Map.of(
        "PORT", "0",
        "FILE_STORE", "s3",
        "S3_ENDPOINT", config.s3Endpoint(),
        "S3_BUCKET", BUCKET,
        "S3_REGION", "us-east-1",
        "S3_ACCESS_KEY", "test-access",
        "S3_SECRET_KEY", "test-secret"))) {
      Login v = fixtures
          .admittedVolunteer(
              fixtures.districtAdmin("500106"), "500106", 29.7, 107.3, List.of("TEACHER"), 3)
          .login();
      byte[] pdf = TestFiles.pdf(false);
      String id = given()
          .port(other.port())
          .auth()
          .oauth2(v.token())
          .multiPart("file", "scan.pdf", pdf, "application/pdf")
          .multiPart("purpose", "CONCERN_EVIDENCE")
          .post("/api/v1/files")
          .then()
          .statusCode(201)
          .extract()
          .path("id");
      byte[] back = given()
          .port(other.port())
          .auth()
          .oauth2(v.token())
          .get("/api/v1/files/{id}", id)
          .then()
          .statusCode(200)
          .extract()
          .asByteArray();
      assertThat(back).isEqualTo(pdf);
      var objects =
          client().listObjectsV2(b -> b.bucket(BUCKET).prefix("files/")).contents();
      var mine = objects.stream().filter(o -> o.key().endsWith("/" + id)).toList();
      assertThat(mine).hasSize(1);
      byte[] stored = client()
          .getObjectAsBytes(b -> b.bucket(BUCKET).key(mine.get(0).key()))
          .asByteArray();
      assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("%PDF");
    }
  }
}
