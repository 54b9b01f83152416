{{#each manifests}}
{{#if (eq kind "Deployment")}}
- op: set
  path: {{@index}}.spec.replicas
  value: 3
  description: three replicas for every Deployment
{{/if}}
{{/each}}
