/** The parts of a Kubernetes pod spec that conversion builds. */
export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface PodVolume {
  name: string;
  [source: string]: unknown;
}

export interface K8sContainer {
  name: string;
  image: string;
  [field: string]: unknown;
}
