package cn.yuhao.care.file;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;

/** Files made for the tests: a phone photo with GPS, and the hostile ones. */
public final class TestFiles {
  private TestFiles() {}

  /** Uploads through POST /files on the test server; the new file's id. */
  public static String upload(int port, String token, String purpose, byte[] bytes) {
    return io.restassured.RestAssured.given()
        .port(port)
        .auth()
        .oauth2(token)
        .multiPart("file", "upload.bin", bytes, "application/octet-stream")
        .multiPart("purpose", purpose)
        .post("/api/v1/files")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** A 40×20 JPEG as a phone saves it: EXIF with GPS (重庆 106.55°E 29.56°N) and orientation 6 (turn right). */
  public static byte[] phonePhoto() {
    try {
      BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(Color.ORANGE);
      g.fillRect(0, 0, 40, 20);
      g.dispose();
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      ImageIO.write(img, "jpeg", plain);
      TiffOutputSet exif = new TiffOutputSet();
      exif.setGpsInDegrees(106.55, 29.56);
      exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), out, exif);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] png(int w, int h) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A solid red picture: the WeChat simulator's image check calls it risky. */
  public static byte[] red(int w, int h) {
    try {
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(Color.RED);
      g.fillRect(0, 0, w, h);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG whose header claims 30000×30000 pixels (3.6 GB decoded) in a few dozen bytes. */
  public static byte[] pngBomb() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(30000).putInt(30000);
    ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  public static byte[] pdf(boolean withScript) {
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      if (withScript) {
        doc.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('pwned');"));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] truncated(byte[] file) {
    return Arrays.copyOf(file, file.length * 6 / 10);
  }

  /** A Windows executable, whatever it is named. */
  public static byte[] executable() {
    byte[] b = new byte[512];
    b[0] = 'M';
    b[1] = 'Z';
    byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(stub, 0, b, 78, stub.length);
    b[60] = (byte) 0x80;
    b[0x80] = 'P';
    b[0x81] = 'E';
    return b;
  }

  /** The start of an iPhone HEIC photo. */
  public static byte[] heic() {
    byte[] b = new byte[256];
    byte[] head = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(head, 0, b, 0, head.length);
    return b;
  }
}
