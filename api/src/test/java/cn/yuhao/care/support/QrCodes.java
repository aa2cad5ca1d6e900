package cn.yuhao.care.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Reads the text of a QR code the service drew. The images are pure codes (upright, on white), so they are read
 * as such: zxing's finder-pattern search, meant for photos, misreads some of them (a ChecksumException for one
 * random scene in a few hundred).
 */
public final class QrCodes {
  private QrCodes() {}

  public static String read(BufferedImage image) {
    try {
      return new QRCodeReader()
          .decode(
              new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
              Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
          .getText();
    } catch (com.google.zxing.ReaderException e) {
      throw new AssertionError("not a readable QR code", e);
    }
  }

  public static String read(byte[] png) {
    try {
      return read(ImageIO.read(new ByteArrayInputStream(png)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
