package dci.hardware.body;

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
 */
public final class OshiSensors implements Sensors {
  private final HardwareAbstractionLayer hal = new SystemInfo().getHardware();
  private long[] lastTicks;

  @Override
  public synchronized HostMetrics read() {
    CentralProcessor cpu = hal.getProcessor();
    double load = -1;
    if (lastTicks != null) {
      load = cpu.getSystemCpuLoadBetweenTicks(lastTicks);
    }
    lastTicks = cpu.getSystemCpuLoadTicks();
    GlobalMemory mem = hal.getMemory();
    long reads = 0;
    long writes = 0;
    for (HWDiskStore d : hal.getDiskStores()) {
      reads += d.getReadBytes();
      writes += d.getWriteBytes();
    }
    long in = 0;
    long out = 0;
    for (NetworkIF n : hal.getNetworkIFs()) {
      in += n.getBytesRecv();
      out += n.getBytesSent();
    }
    VirtualMemory swap = mem.getVirtualMemory();
    double t = hal.getSensors().getCpuTemperature();
    Double temperature = t > 0 && !Double.isNaN(t) ? t : null;
    return new HostMetrics(load, mem.getTotal() - mem.getAvailable(), mem.getTotal(), reads, writes, temperature,
        swap.getSwapUsed(), swap.getSwapTotal(), in, out);
  }
}
