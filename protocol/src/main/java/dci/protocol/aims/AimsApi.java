package dci.protocol.aims;

import dci.protocol.api.ApiRoute;
import java.util.List;

/**
 * AIMS's routes under {@code /api}. {@code on} is {@code all} (default), {@code B1,B2} or
 * {@code role:R}, every blade named Up. (Each blade answers its part on
 * {@code GET /internal/aims/inventory|check|logs|quarantine}, with the service token: not listed.)
 */
public final class AimsApi {
  private AimsApi() {}

  public static final ApiRoute.Feature FEATURE = new ApiRoute.Feature("aims", List.of(
      ApiRoute.of("GET", "/api/aims/policy", "viewer", null, PolicyDoc.class,
          "the cluster's policy (404 when none is set)"),
      ApiRoute.of("PUT", "/api/aims/policy", "admin", null, PolicyDoc.class,
          "set the policy: the body is its YAML (packages, dci-packages, modules, services, ports), checked first"),
      ApiRoute.listOf("GET", "/api/aims/inventory?on=BLADES", "operator", null, InventoryRow.class,
          "each blade's OS packages, kernel modules, services, listening sockets and DCI packages"),
      ApiRoute.of("GET", "/api/aims/check?on=BLADES", "viewer", null, ComplianceReport.class,
          "each blade's violations of the policy"),
      ApiRoute.of("GET", "/api/aims/logs?on=BLADES&grep=RE&since=D&unit=U&limit=N", "operator", null,
          LogsAnswer.class, "the blades' system logs (journal, syslog file or the blade's receiver), merged by time"),
      ApiRoute.listOf("GET", "/api/aims/quarantine?on=BLADES", "operator", null, QuarantineRow.class,
          "the infected files each blade's scanner took out of the VNAS"),
      ApiRoute.listOf("GET", "/api/aims/alert-rules", "viewer", null, AlertRule.class, "the alert rules"),
      ApiRoute.of("POST", "/api/aims/alert-rules", "admin", AlertRuleRequest.class, AlertRule.class,
          "add or replace a rule (applied by every blade to its own samples)"),
      ApiRoute.of("DELETE", "/api/aims/alert-rules/NAME", "admin", null, null,
          "remove a rule; what it raised clears"),
      ApiRoute.listOf("GET", "/api/aims/alerts", "viewer", null, AlertInForce.class, "the alerts in force"),
      ApiRoute.of("GET", "/api/aims/health-rules", "viewer", null, HealthLevels.class,
          "the fail-over's impending-failure levels in force"),
      ApiRoute.of("PUT", "/api/aims/health-rules", "admin", HealthLevels.class, HealthLevels.class,
          "retune them for every blade (absent fields keep their value)"),
      ApiRoute.of("DELETE", "/api/aims/health-rules", "admin", null, HealthLevels.class,
          "back to each blade's dci.body.health"),
      ApiRoute.of("DELETE", "/api/aims/alerts?key=K", "operator", null, null,
          "acknowledge (clear) an alert, e.g. an infection"),
      ApiRoute.listOf("POST", "/api/aims/services", "operator", ServiceRequest.class, ServiceResult.class,
          "start, stop, restart or show a service on the blades (enable and disable: admins)"),
      ApiRoute.listOf("GET", "/api/aims/audit?on=BLADES", "operator", null, AuditRow.class,
          "each blade's security audit"),
      ApiRoute.of("POST", "/api/aims/patch", "admin", PatchRequest.class, PatchJob.class,
          "a dry run answers at once (200); a rollout starts blade by blade (202), stopping at the first failure"),
      ApiRoute.of("GET", "/api/aims/patch/jobs/ID", "admin", null, PatchJob.class, "a patch rollout's progress"),
      ApiRoute.listOf("GET", "/api/aims/maintenance", "viewer", null, MaintenanceJob.class, "the maintenance jobs"),
      ApiRoute.of("POST", "/api/aims/maintenance", "admin", MaintenanceRequest.class, MaintenanceJob.class,
          "add or replace a job (fstrim, memtest, apt-clean or command; a schedule in the backup's words)"),
      ApiRoute.of("DELETE", "/api/aims/maintenance/NAME", "admin", null, null, "remove a job"),
      ApiRoute.listOf("POST", "/api/aims/maintenance/NAME/run", "operator", null, MaintenanceResult.class,
          "run a job now on its blades and answer each one's result"),
      ApiRoute.listOf("POST", "/api/aims/scan", "operator", ScanRequest.class, ScanReport.class,
          "scan the desk homes of the blades on names now, and/or queue a VNAS folder for this blade's scanner"),
      ApiRoute.listOf("POST", "/api/aims/playback?on=BLADES&wait=D", "operator", null, PlaybackReport.class,
          "play a recorded task (the body: an XML log export) on each blade named, envelope by envelope"),
      ApiRoute.listOf("GET", "/api/aims/maintenance/results?job=NAME", "viewer", null, MaintenanceResult.class,
          "each job's last run on each blade, newest first")));
}
