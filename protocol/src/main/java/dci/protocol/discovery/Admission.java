package dci.protocol.discovery;

import java.util.List;

/**
 * Body of {@code POST /dci/admission} to a waiting node: its certificate (PEM, over its own
 * key), the cluster CA's certificate, the cluster's blades to join ({@code "host:port"}), and
 * the admission code when it asked for one.
 */
public record Admission(String certificate, String ca, List<String> seeds, String code) {}
