package cn.yuhao.care.child;

import cn.yuhao.care.http.AppException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Looks inside an uploaded .xlsx before any spreadsheet library does, streaming and within fixed bounds: a zip
 * bomb, an XML entity (XXE), a sheet of a million rows or of formulas is a 422 saying what is wrong, in bounded
 * memory and time. An .xlsx is a zip of XML parts; only the parts' bytes are counted as they inflate, never their
 * declared sizes.
 */
final class XlsxGuard {
  private static final long MAX_PART_BYTES = 64L * 1024 * 1024;
  private static final long MAX_TOTAL_BYTES = 128L * 1024 * 1024;
  private static final int MAX_PARTS = 500;
  /** Rows of any kind, empty or formatted included: a ledger of 20 000 children has no reason for more. */
  private static final int MAX_SHEET_ROWS = 100_000;

  private XlsxGuard() {}

  static void check(byte[] xlsx, int maxFilledRows) {
    long total = 0;
    int parts = 0;
    // The central directory, not local headers: POI itself writes entries whose local sizes are
    // left at 0.
    try (ZipFile zip = ZipFile.builder()
        .setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx))
        .get()) {
      for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
        if (++parts > MAX_PARTS) {
          throw refuse("文件结构异常（部件过多）");
        }
        try (Counting part =
            new Counting(zip.getInputStream(e), MAX_PART_BYTES, MAX_TOTAL_BYTES - total)) {
          String name = e.getName();
          if (name.endsWith(".xml") || name.endsWith(".rels")) {
            xml(part, name.startsWith("xl/worksheets/"), maxFilledRows);
          }
          part.transferTo(java.io.OutputStream.nullOutputStream());
          total += part.count;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof AppException a) {
        throw a;
      }
      throw refuse("无法读取该文件，请上传 .xlsx 格式的导入模板");
    }
    if (parts == 0) {
      throw refuse("无法读取该文件，请上传 .xlsx 格式的导入模板");
    }
  }

  /** Every XML part: no DOCTYPE at all (entities are how XXE works). Sheets: rows and formulas counted. */
  private static void xml(InputStream in, boolean sheet, int maxFilledRows) throws IOException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      XMLStreamReader r = f.createXMLStreamReader(new NonClosing(in));
      int rows = 0;
      int filled = 0;
      boolean rowHasValue = false;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          throw refuse("文件含有不允许的 XML 声明（DOCTYPE），请用 Excel 另存为 .xlsx 后再导入");
        }
        if (!sheet) {
          if (event == XMLStreamConstants.START_ELEMENT) {
            return; // past the prolog: no DOCTYPE can follow
          }
          continue;
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "row" -> {
              rowHasValue = false;
              if (++rows > MAX_SHEET_ROWS) {
                throw refuse("表格行数过多（含空行超过 " + MAX_SHEET_ROWS + " 行），请删除多余的空行后再导入");
              }
            }
            case "f" -> throw refuse("表格中含有公式，请把公式单元格复制后“粘贴为数值”再导入");
            case "v", "is" -> {
              if (!rowHasValue) {
                rowHasValue = true;
                if (++filled > maxFilledRows + 1) {
                  throw refuse("一次最多导入 " + maxFilledRows + " 行，请分批导入");
                }
              }
            }
            default -> {}
          }
        }
      }
    } catch (XMLStreamException e) {
      if (e.getNestedException() instanceof AppException a) {
        throw a;
      }
      throw refuse("文件内容不是有效的表格（XML 格式错误）");
    }
  }

  private static AppException refuse(String why) {
    return AppException.invalid("file", why);
  }

  /** Counts what is read and stops at the bounds: a bomb is refused while it inflates, not after. */
  private static final class Counting extends FilterInputStream {
    private final long partLimit;
    private final long totalLeft;
    long count;

    Counting(InputStream in, long partLimit, long totalLeft) {
      super(in);
      this.partLimit = partLimit;
      this.totalLeft = totalLeft;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) {
      count += n;
      if (count > partLimit || count > totalLeft) {
        throw refuse("文件解压后过大（可能是压缩炸弹），请上传正常的台账文件");
      }
    }
  }

  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the part is drained by the caller
    }
  }
}
