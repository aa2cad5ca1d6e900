/**
 * Field encryption (AES-256-GCM with key ids), HMAC blind indexes, masking, signed scene links, and the key
 * rotation commands ({@code rekey}, {@code reindex}).
 */
package cn.yuhao.care.privacy;
