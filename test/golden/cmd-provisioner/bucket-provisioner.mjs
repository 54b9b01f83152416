// A cmd:// provisioner: the request arrives as JSON on stdin, the answer leaves as JSON on stdout.
let input = '';
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);
const name = `${request.source_workload}-${request.resource_params.region}`;
process.stdout.write(JSON.stringify({
  resource_outputs: { name, secretKey: { secretRef: { name: `${name}-keys`, key: 'secret-key' } } },
  resource_state: { created: true },
  manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: `${name}-keys` }, stringData: { 'secret-key': 'generated-elsewhere' } }],
}));
