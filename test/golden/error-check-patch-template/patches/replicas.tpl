- op: set
  path: 0.spec.replica
  value: 2
- op: set
  path: 0.spec.template.spec.containers.0.imagePullPolicy
  value: Sometimes
