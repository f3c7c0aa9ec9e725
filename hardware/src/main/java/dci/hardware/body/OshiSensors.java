package dci.hardware.body;

import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.VirtualMemory;

/**
 * The host's real metrics through OSHI: CPU load (between two calls), memory, disk bytes
 * read and written, swap, network bytes in and out (all interfaces but loopback), CPU temperature
 * when the host exposes one (often not in VMs: null).
 *
 * <p>Cheap to call often: the disks and network interfaces are listed once every
 * {@link #RELIST_MILLIS} and only their counters refreshed in between; a host without a
 * temperature sensor is asked again only that often.
 */
public final class OshiSensors implements Sensors {
  static final long RELIST_MILLIS = 10 * 60_000;
  private final HardwareAbstractionLayer hal = new SystemInfo().getHardware();
  private long[] lastTicks;
  private List<HWDiskStore> disks;
  private List<NetworkIF> nets;
  private boolean hasTemperature = true;
  private long listed;

  @Override
  public synchronized HostMetrics read() {
    CentralProcessor cpu = hal.getProcessor();
    double load = -1;
    if (lastTicks != null) {
      load = cpu.getSystemCpuLoadBetweenTicks(lastTicks);
    }
    lastTicks = cpu.getSystemCpuLoadTicks();
    GlobalMemory mem = hal.getMemory();
    long now = System.currentTimeMillis();
    boolean relist = disks == null || now - listed >= RELIST_MILLIS;
    if (relist) {
      disks = hal.getDiskStores();
      nets = hal.getNetworkIFs();
      listed = now;
    }
    long reads = 0;
    long writes = 0;
    for (HWDiskStore d : disks) {
      if (!relist) {
        d.updateAttributes();
      }
      reads += d.getReadBytes();
      writes += d.getWriteBytes();
    }
    long in = 0;
    long out = 0;
    for (NetworkIF n : nets) {
      if (!relist) {
        n.updateAttributes();
      }
      in += n.getBytesRecv();
      out += n.getBytesSent();
    }
    VirtualMemory swap = mem.getVirtualMemory();
    Double temperature = null;
    if (hasTemperature || relist) {
      double t = hal.getSensors().getCpuTemperature();
      hasTemperature = t > 0 && !Double.isNaN(t);
      temperature = hasTemperature ? t : null;
    }
    return new HostMetrics(load, mem.getTotal() - mem.getAvailable(), mem.getTotal(), reads, writes, temperature,
        swap.getSwapUsed(), swap.getSwapTotal(), in, out);
  }
}
