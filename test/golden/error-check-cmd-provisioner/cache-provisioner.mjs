// A cmd:// provisioner answering with a Secret whose value is a number and a Service with an unknown field.
process.stdout.write(JSON.stringify({
  resource_outputs: { host: 'cache' },
  manifests: [
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cache' }, stringData: { password: 271828 } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cache' }, spec: { selector: { app: 'cache' }, ports: [{ port: 6379 }], clusterIp: 'None' } },
  ],
}));
