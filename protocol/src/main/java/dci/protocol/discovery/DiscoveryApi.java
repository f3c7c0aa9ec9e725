package dci.protocol.discovery;

import dci.protocol.api.ApiRoute;
import java.util.List;

/** Discovering machines for the cluster and admitting them ({@code dci discover}, {@code dci admit}). */
public final class DiscoveryApi {
  private DiscoveryApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("discovery", List.of(
      ApiRoute.of("POST", "/api/discover", "admin", DiscoverRequest.class, Discovery.class,
          "probe addresses (at most dci.discovery.max-addresses, at a bounded rate) for this cluster's blades, "
              + "nodes waiting for admission and other open ports; 400 a bad range or too many addresses"),
      ApiRoute.of("POST", "/api/admit", "admin", AdmitRequest.class, Admitted.class,
          "certify a waiting node's own key (on the blade holding the CA), send it the certificate and the "
              + "cluster's seeds, and wait until it is Up; 502 the candidate refused or did not answer, "
              + "504 not Up in time")));
}
