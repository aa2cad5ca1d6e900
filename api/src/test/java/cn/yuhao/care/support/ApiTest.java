package cn.yuhao.care.support;

import static io.restassured.RestAssured.given;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of every API test: the shared server, fixtures, and RestAssured with the OpenAPI validator.
 * {@link #api()} validates request and response; {@link #raw()} validates only the response, for the
 * deliberately bad requests the contract itself forbids.
 */
public abstract class ApiTest {
  protected static TestServer server;
  protected static Fixtures fixtures;
  private static OpenApiValidationFilter strict;
  private static OpenApiValidationFilter responsesOnly;
  /** What the whole run saw of each operation; {@code ContractCoverageTest} checks it last. */
  protected static ContractLedger ledger;

  @RegisterExtension
  static final BeforeAllCallback BOOT = context -> {
    TestServer s = TestServer.get(context);
    if (server != s) {
      strict = new OpenApiValidationFilter(
          OpenApiInteractionValidator.createForInlineApiSpecification(s.contract())
              .build());
      responsesOnly = new OpenApiValidationFilter(
          OpenApiInteractionValidator.createForInlineApiSpecification(s.contract())
              .withLevelResolver(LevelResolver.create()
                  .withLevel("validation.request", ValidationReport.Level.IGNORE)
                  .build())
              .build());
      fixtures = new Fixtures(s);
      ledger = new ContractLedger(s.contract());
      server = s;
    }
  };

  /** A request whose request and response must both match the contract. */
  protected static RequestSpecification api() {
    return given()
        .port(server.app().port())
        .filter(strict)
        .filter(ledger)
        .contentType(ContentType.JSON);
  }

  /** A request that may break the contract on purpose; the response must still match it. */
  protected static RequestSpecification raw() {
    return given().port(server.app().port()).filter(responsesOnly).filter(ledger);
  }

  protected static RequestSpecification api(String token) {
    return api().header("Authorization", "Bearer " + token);
  }

  protected static RequestSpecification raw(String token) {
    return raw().header("Authorization", "Bearer " + token);
  }
}
