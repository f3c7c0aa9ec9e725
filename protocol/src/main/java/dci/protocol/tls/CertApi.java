package dci.protocol.tls;

import dci.protocol.api.ApiRoute;
import java.util.List;

/** The blade certificates' routes under {@code /api/cert} (part of the core feature). */
public final class CertApi {
  private CertApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("certificates", List.of(
      ApiRoute.listOf("GET", "/api/cert", "admin", null, CertView.class, "the blade certificates"),
      ApiRoute.of("POST", "/api/cert/issue", "admin", IssueRequest.class, IssuedCert.class,
          "a join bundle, made on the blade holding the CA (another blade passes the request on)"),
      ApiRoute.of("POST", "/api/cert/revoke", "admin", RevokeRequest.class, Revocation.class,
          "revokes a blade's certificates (and downs it); 404 no such certificate"),
      ApiRoute.of("POST", "/api/cert/enrol", "none (loopback, with the offered secret)", IssueRequest.class,
          IssuedCert.class, "same-machine enrolment of a new blade")));
}
