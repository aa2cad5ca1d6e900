package cn.yuhao.care.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photos are rewritten within a share of the heap. Before, a single 24-megapixel photo (a 600 KB JPEG, well within
 * the 10 MB limit) ran a service with run.sh's bare-host heap (256 MB) out of memory, and the service exits on that.
 */
class FileInspectorMemoryTest {

  @Test
  void photos_within_the_limits_never_exhaust_the_shipped_heap(@TempDir Path dir) throws Exception {
    Path photo = dir.resolve("24mp.jpg");
    Files.write(photo, jpeg(6000, 4000));
    // run.sh's defaults on a bare host; two uploads at once.
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms64m",
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            Probe.class.getName(),
            photo.toString(),
            "2")
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    // 24 MP is more than two fifths of 256 MB allow at 8 bytes a pixel: every second pixel each
    // way.
    assertEquals(2, out.lines().filter(l -> l.equals("stored 3000x2000")).count(), out);
  }

  @Test
  void a_photo_over_the_budget_is_kept_smaller_by_the_smallest_step_that_fits() throws Exception {
    FileInspector small = new FileInspector(8L * 1024 * 1024);
    var clean = small.inspect(FilePurpose.CARE_RECORD, jpeg(4000, 3000));
    // 12 MP × 8 bytes is 92 MiB; every 4th pixel (1000×750, 5.7 MiB) is the first to fit 8 MiB.
    assertEquals("1000x750", size(clean.bytes()));
    assertTrue(clean.preview().length > 0);
    assertEquals(4, FileInspector.subsampling(4000, 3000, 8));
    assertEquals(1, FileInspector.subsampling(4000, 3000, 92));
    // A purpose without WeChat's check gets no preview.
    assertEquals(null, small.inspect(FilePurpose.CONSENT_SCAN, jpeg(400, 300)).preview());
  }

  static byte[] jpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    image.getGraphics().fillRect(width / 4, height / 4, width / 2, height / 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  static String size(byte[] image) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      return reader.getWidth(0) + "x" + reader.getHeight(0);
    }
  }

  /** Inspects one photo from several threads at once, in a JVM of its own, and prints each stored size. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      byte[] bytes = Files.readAllBytes(Path.of(args[0]));
      FileInspector inspector = new FileInspector();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        Thread t = new Thread(() -> {
          try {
            System.out.println("stored "
                + size(inspector.inspect(FilePurpose.CARE_RECORD, bytes).bytes()));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
    }
  }
}
