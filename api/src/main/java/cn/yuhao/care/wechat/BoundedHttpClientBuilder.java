package cn.yuhao.care.wechat;

import java.time.Duration;
import me.chanjar.weixin.common.util.http.apache.ApacheHttpClientBuilder;
import org.apache.http.client.HttpRequestRetryHandler;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.ConnectionKeepAliveStrategy;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The HTTP client weixin-java-miniapp uses, with every timeout bounded and no automatic retries. Its own
 * DefaultApacheHttpClientBuilder is a process-wide singleton, which we do not want to mutate.
 */
final class BoundedHttpClientBuilder implements ApacheHttpClientBuilder {
  private final Duration timeout;

  BoundedHttpClientBuilder(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public CloseableHttpClient build() {
    int millis = (int) timeout.toMillis();
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    pool.setMaxTotal(50);
    pool.setDefaultMaxPerRoute(50);
    return HttpClients.custom()
        .setConnectionManager(pool)
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectTimeout(millis)
            .setSocketTimeout(millis)
            .setConnectionRequestTimeout(millis)
            .build())
        .disableAutomaticRetries()
        .useSystemProperties()
        .build();
  }

  // Proxies and TLS tuning are not used; the library calls these setters before build().
  @Override
  public ApacheHttpClientBuilder httpProxyHost(String httpProxyHost) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyPort(int httpProxyPort) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyUsername(String httpProxyUsername) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpProxyPassword(String httpProxyPassword) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder httpRequestRetryHandler(HttpRequestRetryHandler handler) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder keepAliveStrategy(ConnectionKeepAliveStrategy keepAliveStrategy) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder sslConnectionSocketFactory(SSLConnectionSocketFactory factory) {
    return this;
  }

  @Override
  public ApacheHttpClientBuilder supportedProtocols(String[] supportedProtocols) {
    return this;
  }
}
