package dci.hardware.body;

/**
 * What feeds a blade: cutting it kills the blade at once, with no goodbye to the cluster.
 * A blade in its own process halts the process; blades sharing a process (a cage) share
 * their supply.
 */
@FunctionalInterface
public interface PowerSupply {
  void cut();

  /** The supply of a blade that is its own process: cutting halts the JVM (as SIGKILL would). */
  static PowerSupply process() {
    return () -> Runtime.getRuntime().halt(137);
  }
}
