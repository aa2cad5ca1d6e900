package cn.yuhao.care.file;

import cn.yuhao.care.config.FileStoreConfig;
import java.io.UncheckedIOException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Sealed files in an S3-compatible bucket (Tencent COS, MinIO, AWS), through the AWS SDK v2 client. Path-style
 * addressing, so an endpoint on a plain host name works; the bucket must exist.
 */
public final class S3FileStore implements FileStore {
  private final S3Client s3;
  private final String bucket;

  public S3FileStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public static S3FileStore connect(FileStoreConfig c) {
    return new S3FileStore(client(c), c.s3Bucket());
  }

  /**
   * A client for the configured store. Checksums only where the operation requires them: the SDK's default
   * trailing checksums (aws-chunked) are refused by many S3-compatible stores.
   */
  public static S3Client client(FileStoreConfig c) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(URI.create(c.s3Endpoint()))
        .region(Region.of(c.s3Region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(c.s3AccessKey(), c.s3SecretKey())))
        .serviceConfiguration(
            S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  @Override
  public void put(String key, byte[] sealed) {
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType("application/octet-stream"),
        RequestBody.fromBytes(sealed));
  }

  @Override
  public byte[] get(String key) {
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    } catch (NoSuchKeyException e) {
      throw new UncheckedIOException(new java.io.FileNotFoundException(key));
    }
  }

  @Override
  public void remove(String key) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
  }

  @Override
  public String kind() {
    return "s3";
  }
}
