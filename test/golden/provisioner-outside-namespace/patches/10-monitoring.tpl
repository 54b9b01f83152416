- op: set
  path: "-1"
  value:
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: shop-dashboards
      namespace: monitoring
    data:
      shop.json: "{}"
- op: set
  path: "-1"
  value:
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: shop-metrics-reader
    rules:
      - apiGroups: [""]
        resources: [pods]
        verbs: [get, list]
