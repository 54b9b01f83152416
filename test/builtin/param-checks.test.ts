/**
 * Every bad param of a built-in resource is reported in one run: the checks of each built-in provisioner run
 * as one `failAll` block, so a resource with several mistakes shows all of them, each on its own line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { builtInFiles } from '../../src/provision/provisioner-files.js';
import { loadProvisioners } from '../../src/provision/provisioner-file.js';
import { provisionResources } from '../../src/provision/provision.js';
import { workloadFromYaml } from '../convert/fixtures.js';
import { shownError } from '../provision/builders.js';
import { repoRoot } from '../support/run-cli.js';

const builtIns = builtInFiles().flatMap((file) =>
  loadProvisioners(parseYamlSource(file.display, readFileSync(file.absolute, 'utf8')), 'built-in'),
);

const SIZING = {
  storage: 'lots',
  storageClassName: 'Fast_SSD',
  cpuRequest: 'half',
  cpuLimit: 'one',
  memoryRequest: 'some',
  memoryLimit: 'more',
};

function problems(type: string, params: Record<string, unknown>, klass?: string): string[] {
  const workload = workloadFromYaml(`apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  main:
    image: nginx
service:
  ports:
    http: {port: 8080}
resources:
  res:
    type: ${type}
${klass ? `    class: ${klass}\n` : ''}    params: ${JSON.stringify(params)}
`);
  const shown = shownError(
    () => provisionResources([workload], { provisioners: builtIns, previous: {}, sharedState: {}, projectDir: repoRoot, seed: 'checks' }),
    ProvisionError,
  );
  return shown.diagnostics.map((d) => d.replace(/^score\.yaml:\d+:\d+: resources\.res: /, ''));
}

/** The sizing messages of the data services (postgres, mysql and redis word them alike). */
const SIZING_MESSAGES = [
  'params.storage must be a Kubernetes quantity such as 1Gi or 500Mi',
  'params.storageClassName must be the name of a StorageClass',
  'params.cpuRequest must be a CPU quantity such as 250m or 1',
  'params.cpuLimit must be a CPU quantity such as 500m or 2',
];
/** The same for the services of more-services.provisioners.yaml (without storageClassName, which they do not check). */
const MORE_SIZING = (cpuRequest: string, cpuLimit: string, memoryRequest: string, memoryLimit: string) => [
  'params.storage must be a Kubernetes quantity such as 1Gi',
  `params.cpuRequest must be a CPU quantity such as ${cpuRequest}`,
  `params.cpuLimit must be a CPU quantity such as ${cpuLimit}`,
  `params.memoryRequest must be a memory quantity such as ${memoryRequest}`,
  `params.memoryLimit must be a memory quantity such as ${memoryLimit}`,
];
const at = (uri: string, stage: string, messages: string[]) => messages.map((m) => `template://score-ts/${uri}, stage ${stage}: ${m}`);

describe('built-in provisioners report every bad param at once', () => {
  it.each<{ name: string; type: string; klass?: string; params: Record<string, unknown>; expected: string[] }>([
    {
      name: 'postgres',
      type: 'postgres',
      params: { database: 'Orders', username: '1app', ...SIZING },
      expected: at('postgres', 'init', [
        'params.database must be a PostgreSQL name: lowercase letters, digits and _, not starting with a digit, at most 63 characters',
        'params.username must be a PostgreSQL role name: lowercase letters, digits and _, not starting with a digit, at most 63 characters',
        ...SIZING_MESSAGES,
        'params.memoryRequest must be a memory quantity such as 256Mi',
        'params.memoryLimit must be a memory quantity such as 1Gi',
      ]),
    },
    {
      name: 'postgres-instance',
      type: 'postgres-instance',
      params: { username: 'Admin', ...SIZING },
      expected: at('postgres-instance', 'init', [
        'params.username must be a PostgreSQL role name: lowercase letters, digits and _, not starting with a digit, at most 63 characters',
        ...SIZING_MESSAGES,
        'params.memoryRequest must be a memory quantity such as 256Mi',
        'params.memoryLimit must be a memory quantity such as 1Gi',
      ]),
    },
    {
      name: 'mysql, root as the user',
      type: 'mysql',
      params: { database: 'shop-db', username: 'root', ...SIZING },
      expected: at('mysql', 'init', [
        'params.database must be a MySQL database name: lowercase letters, digits and _, not starting with a digit, at most 64 characters',
        "params.username cannot be root: root is the server's admin account (its password is the Secret's root-password)",
        ...SIZING_MESSAGES,
        'params.memoryRequest must be a memory quantity such as 512Mi',
        'params.memoryLimit must be a memory quantity such as 1Gi',
      ]),
    },
    {
      name: 'mysql, a user name too long',
      type: 'mysql',
      params: { username: 'a'.repeat(33) },
      expected: at('mysql', 'init', [
        'params.username must be a MySQL user name: lowercase letters, digits and _, not starting with a digit, at most 32 characters',
      ]),
    },
    {
      name: 'redis',
      type: 'redis',
      params: SIZING,
      expected: at('redis', 'init', [
        ...SIZING_MESSAGES,
        'params.memoryRequest must be a memory quantity such as 64Mi',
        'params.memoryLimit must be a memory quantity such as 256Mi',
      ]),
    },
    { name: 'mongodb', type: 'mongodb', params: SIZING, expected: at('mongodb', 'init', MORE_SIZING('100m', '1', '256Mi', '1Gi')) },
    {
      name: 'amqp',
      type: 'amqp',
      params: { vhost: 'my vhost', ...SIZING },
      expected: at('amqp', 'init', [
        "params.vhost must be / or up to 63 letters, digits, '.', '_' and '-'",
        ...MORE_SIZING('100m', '1', '256Mi', '1Gi'),
      ]),
    },
    {
      name: 's3',
      type: 's3',
      params: { bucket: 'My_Bucket', ...SIZING },
      expected: at('s3', 'init', [
        "params.bucket must be an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-'",
        ...MORE_SIZING('100m', '1', '256Mi', '1Gi'),
      ]),
    },
    {
      name: 'kafka-topic',
      type: 'kafka-topic',
      params: { topic: 'a topic', partitions: 0, ...SIZING },
      expected: at('kafka-topic', 'init', [
        "params.topic must be a Kafka topic name: up to 249 letters, digits, '.', '_' and '-'",
        'params.partitions must be a whole number from 1 to 9999',
        ...MORE_SIZING('100m', '1', '768Mi', '1Gi'),
      ]),
    },
    {
      name: 'mssql',
      type: 'mssql',
      params: SIZING,
      expected: at('mssql', 'init', [...MORE_SIZING('250m', '2', '2Gi', '3Gi (SQL Server needs at least 2 GiB)')]),
    },
    {
      name: 'volume',
      type: 'volume',
      params: { size: 'big', storageClassName: 'Fast_SSD' },
      expected: at('volume', 'init', [
        'params.size must be a Kubernetes quantity such as 1Gi or 500Mi',
        'params.storageClassName must be the name of a StorageClass',
      ]),
    },
    {
      name: 'route (Gateway API)',
      type: 'route',
      params: { host: 'Shop Front', path: 'shop', port: 9090, gatewayName: 'Main_Gateway', gatewayNamespace: 'Infra_NS' },
      expected: at('route', 'outputs', [
        "route: params.host must be a DNS name such as app.example.com, not 'Shop Front'",
        "route: params.path must be an absolute URL path such as / or /api, not 'shop'",
        'route: params.gatewayName must be the name of a Gateway',
        'route: params.gatewayNamespace must be a namespace name',
        "route: workload 'shop' has no service port '9090' (params.port); its ports are: http (port 8080)",
      ]),
    },
    {
      name: 'route (ingress), no host and no port',
      type: 'route',
      klass: 'ingress',
      params: { path: '/a//b', ingressClassName: 'NGINX' },
      expected: at('route-ingress', 'outputs', [
        'route needs params.host, for example ${resources.dns.host} of a dns resource',
        "route: params.path must be an absolute URL path such as / or /api, not '/a//b'",
        'route: params.ingressClassName must be the name of an IngressClass',
        "route needs params.port: a service port of workload 'shop', one of: http (port 8080)",
      ]),
    },
  ])('$name', ({ type, klass, params, expected }) => {
    expect(problems(type, params, klass)).toEqual(expected);
  });
});
