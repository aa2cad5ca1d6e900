package cn.yuhao.care.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A QR code as a PNG, with the four-module quiet zone scanners need, for a mini-program's {@code <image>}. */
public final class QrPng {
  private QrPng() {}

  public static byte[] of(String content, int pixels) {
    try {
      var matrix = new QRCodeWriter()
          .encode(
              content,
              BarcodeFormat.QR_CODE,
              pixels,
              pixels,
              Map.of(
                  EncodeHintType.MARGIN,
                  4,
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix, "PNG", out);
      return out.toByteArray();
    } catch (WriterException e) {
      throw new IllegalStateException("QR code", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
