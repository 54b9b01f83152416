- op: set
  path: 0.spec.replicas
  value: 2
- op: set
  path: 0.kind.name
  value: x
