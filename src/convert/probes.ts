/** Score liveness/readiness probes -> Kubernetes probes (one handler each). */
import type { FieldPath, Probe } from '../base/types.js';
import type { Diagnostics } from '../base/diagnostics.js';

export function convertProbe(probe: Probe | undefined, path: FieldPath, problems: Diagnostics): Record<string, unknown> | undefined {
  if (!probe) return undefined;
  if (probe.httpGet && probe.exec) {
    problems.add(path, 'set either httpGet or exec, not both: a Kubernetes probe has exactly one handler');
    return undefined;
  }
  if (probe.exec) return { exec: { command: [...probe.exec.command] } };
  if (probe.httpGet) {
    const { host, scheme, path: httpPath, port, httpHeaders } = probe.httpGet;
    return {
      httpGet: {
        ...(host ? { host } : {}),
        ...(scheme ? { scheme } : {}),
        path: httpPath === '' ? '/' : httpPath,
        port,
        ...(httpHeaders && httpHeaders.length > 0 ? { httpHeaders: httpHeaders.map(({ name, value }) => ({ name, value })) } : {}),
      },
    };
  }
  problems.add(path, 'a probe needs httpGet or exec');
  return undefined;
}
