package cn.yuhao.care.file;

import cn.yuhao.care.http.AppException;
import cn.yuhao.care.http.ErrorCode;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.tika.Tika;

/**
 * Decides what an upload is from its bytes (Tika's magic, never the name) and makes it safe to keep:
 * <ul>
 *   <li>a photo is decoded and written anew from its pixels (turned upright first), so EXIF, GPS, XMP and
 *       anything hidden after the image are gone; its size is read from the header before decoding, so a
 *       small file that would inflate to gigabytes of pixels is refused without being decoded;
 *   <li>a PDF must be whole (ends with %%EOF), unencrypted, and free of scripts, launch actions, automatic
 *       actions and embedded files ({@link PdfActiveContent}).
 * </ul>
 * HEIC is refused: nothing here can rewrite it, and its location could not be removed.
 */
final class FileInspector {
  /** 40 megapixels: more than any phone saves by default; about 160 MB decoded. */
  static final long MAX_PIXELS = 40_000_000L;
  /** Heap a photo's pixels take while it is rewritten: decoded (up to 4 bytes) plus its upright copy (4). */
  static final int BYTES_PER_PIXEL = 8;

  private static final long MIB = 1024 * 1024;

  private final Tika tika = new Tika();
  /** The most heap all photos being rewritten may hold at once, in MiB. */
  private final int budgetMib;
  /**
   * Permits are MiB of that budget. A photo takes what its pixels need, so several small ones go through at once
   * and a large one waits for the others: the service exits on running out of heap, and one upload must not do
   * that.
   */
  private final Semaphore decoding;

  /** Two fifths of the heap for photos' pixels, the rest for everything else the service holds. */
  FileInspector() {
    this(Runtime.getRuntime().maxMemory() * 2 / 5);
  }

  FileInspector(long budgetBytes) {
    this.budgetMib = (int) Math.max(1, budgetBytes / MIB);
    this.decoding = new Semaphore(budgetMib);
  }

  /**
   * What is kept; {@code preview} is the photo at most 750×1334 as a JPEG for WeChat's content check (null for a
   * PDF or a purpose not checked): made while the pixels are at hand, so they are not held past the budget.
   */
  record Clean(String contentType, byte[] bytes, byte[] preview) {}

  Clean inspect(FilePurpose purpose, byte[] bytes) {
    if (bytes.length == 0) {
      throw AppException.invalid("file", "文件是空的");
    }
    if (bytes.length > purpose.maxBytes()) {
      throw new AppException(
          ErrorCode.PAYLOAD_TOO_LARGE, "文件超过 " + purpose.megabytes() + " MB，请压缩后再上传");
    }
    String type = tika.detect(bytes);
    if (type.equals("image/heic") || type.equals("image/heif") || type.startsWith("image/heic")) {
      throw new AppException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "暂不支持 HEIC 照片（其中的位置信息无法可靠去除），请选择“兼容性最佳”格式或上传 JPEG、PNG");
    }
    if (!purpose.types().contains(type)) {
      throw new AppException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "这类附件只接受 "
              + purpose.types().stream()
                  .sorted()
                  .map(FileTypes::label)
                  .collect(Collectors.joining("、")));
    }
    return type.equals(FileTypes.PDF) ? pdf(bytes) : photo(type, bytes, purpose.contentChecked());
  }

  /**
   * Rewrites the photo from its pixels. A photo whose pixels exceed the budget is read at every n-th pixel in
   * each direction (the smallest n that fits): it is kept smaller rather than refused or allowed to exhaust the
   * heap.
   */
  private Clean photo(String type, byte[] bytes, boolean preview) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw damaged();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if ((long) width * height > MAX_PIXELS) {
          throw AppException.invalid("file", "图片尺寸过大（超过 4000 万像素），请缩小后再上传");
        }
        int step = subsampling(width, height, budgetMib);
        int mib = costMib(width, height, step);
        decoding.acquireUninterruptibly(mib);
        try {
          ImageReadParam param = reader.getDefaultReadParam();
          param.setSourceSubsampling(step, step, 0, 0);
          BufferedImage image = upright(read(reader, param), orientation(bytes));
          return new Clean(
              type,
              type.equals(FileTypes.PNG) ? png(image) : jpeg(image),
              preview ? forContentCheck(image) : null);
        } finally {
          decoding.release(mib);
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof AppException a) {
        throw a;
      }
      throw damaged();
    }
  }

  /** The smallest n such that every n-th pixel each way fits the budget. */
  static int subsampling(int width, int height, int budgetMib) {
    int step = 1;
    while (costMib(width, height, step) > budgetMib) {
      step++;
    }
    return step;
  }

  private static int costMib(int width, int height, int step) {
    long pixels = (long) ceilDiv(width, step) * ceilDiv(height, step);
    return (int) Math.max(1, (pixels * BYTES_PER_PIXEL + MIB - 1) / MIB);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** The pixels; a decoder warning (a truncated or corrupt stream) refuses the file. */
  private static BufferedImage read(ImageReader reader, ImageReadParam param) {
    try {
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      BufferedImage image = reader.read(0, param);
      if (!warnings.isEmpty()) {
        throw damaged();
      }
      return image;
    } catch (IOException | RuntimeException e) {
      if (e instanceof AppException a) {
        throw a;
      }
      throw damaged();
    }
  }

  /** The EXIF orientation (1–8), read before the metadata is dropped; 1 when there is none. */
  private static int orientation(byte[] bytes) {
    try {
      var dir = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes))
          .getFirstDirectoryOfType(ExifIFD0Directory.class);
      return dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)
          ? dir.getInt(ExifIFD0Directory.TAG_ORIENTATION)
          : 1;
    } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
      return 1;
    }
  }

  /** The picture as it was meant to be seen, in RGB (or ARGB when it has transparency). */
  static BufferedImage upright(BufferedImage src, int orientation) {
    int w = src.getWidth();
    int h = src.getHeight();
    boolean swap = orientation >= 5 && orientation <= 8;
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> t.scale(-1, 1);
      case 3 -> t.rotate(Math.PI);
      case 4 -> t.scale(1, -1);
      case 5 -> {
        t.rotate(Math.PI / 2);
        t.scale(1, -1);
      }
      case 6 -> t.rotate(Math.PI / 2);
      case 7 -> {
        t.rotate(-Math.PI / 2);
        t.scale(1, -1);
      }
      case 8 -> t.rotate(-Math.PI / 2);
      default -> {}
    }
    int outW = swap ? h : w;
    int outH = swap ? w : h;
    var out = new BufferedImage(
        outW,
        outH,
        src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    AffineTransform place = new AffineTransform();
    place.translate(outW / 2.0, outH / 2.0);
    place.concatenate(t);
    place.translate(-w / 2.0, -h / 2.0);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(src, place, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** The photo at most 750×1334 (WeChat's size for img_sec_check), as a JPEG. */
  static byte[] forContentCheck(BufferedImage image) {
    double scale = Math.min(1.0, Math.min(750.0 / image.getWidth(), 1334.0 / image.getHeight()));
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(
        java.awt.RenderingHints.KEY_INTERPOLATION,
        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, java.awt.Color.WHITE, null);
    g.dispose();
    return jpeg(small);
  }

  private static byte[] jpeg(BufferedImage image) {
    BufferedImage rgb = image;
    if (image.getColorModel().hasAlpha()) {
      rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
      g.dispose();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(rgb, null, null), p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a JPEG", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a PNG", e);
    }
    return out.toByteArray();
  }

  private static Clean pdf(byte[] bytes) {
    int from = Math.max(0, bytes.length - 1024);
    String tail = new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
    if (!tail.contains("%%EOF")) {
      throw AppException.invalid("file", "PDF 文件不完整，请重新导出后上传");
    }
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      if (doc.isEncrypted()) {
        throw AppException.invalid("file", "PDF 设置了密码或加密，请上传未加密的文件");
      }
      if (doc.getNumberOfPages() == 0) {
        throw AppException.invalid("file", "PDF 没有页面");
      }
      String active = PdfActiveContent.find(doc.getDocument().getTrailer());
      if (active != null) {
        throw AppException.invalid("file", "PDF 含有脚本、自动操作或内嵌文件（" + active + "），不能上传");
      }
    } catch (IOException e) {
      throw AppException.invalid("file", "PDF 文件已损坏，无法打开");
    }
    return new Clean(FileTypes.PDF, bytes, null);
  }

  private static AppException damaged() {
    return AppException.invalid("file", "图片已损坏或不完整，无法读取");
  }
}
