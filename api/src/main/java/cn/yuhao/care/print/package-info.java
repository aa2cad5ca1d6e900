/** Printable documents: A4 PDFs with an embedded Chinese font and vector QR codes (badge sheets, certificates). */
package cn.yuhao.care.print;
