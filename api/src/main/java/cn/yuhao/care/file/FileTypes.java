package cn.yuhao.care.file;

/** The content types an upload may have, as sniffed from its bytes. */
final class FileTypes {
  static final String JPEG = "image/jpeg";
  static final String PNG = "image/png";
  static final String PDF = "application/pdf";

  private FileTypes() {}

  static String label(String type) {
    return switch (type) {
      case JPEG -> "JPEG 照片";
      case PNG -> "PNG 图片";
      case PDF -> "PDF 文件";
      default -> type;
    };
  }

  static String extension(String type) {
    return switch (type) {
      case JPEG -> "jpg";
      case PNG -> "png";
      case PDF -> "pdf";
      default -> "bin";
    };
  }
}
