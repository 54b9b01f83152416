{{#each manifests}}
{{#if (eq kind "Deployment")}}
- op: set
  path: {{@index}}.spec.template.spec.serviceAccountName
  value: {{quote (concat metadata.name "-sa")}}
- op: set
  path: {{@index}}.metadata.labels.team
  value: {{quote (default (dig ../workloads metadata.name "metadata" "annotations" "example.com/team") "platform")}}
- op: set
  path: {{@index}}.spec.template.spec.containers.-1
  value: {name: log-shipper, image: "busybox:1.37", args: [tail, -f, /dev/null]}
- op: delete
  path: {{@index}}.metadata.annotations.does-not-exist
{{/if}}
{{/each}}
{{#each workloads}}
- op: set
  path: "-1"
  value:
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: {{quote (concat @key "-sa")}}
      namespace: {{quote (default ../namespace "default")}}
{{/each}}
